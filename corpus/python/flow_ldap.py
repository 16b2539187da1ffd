"""Directory lookups for the intranet: LDAP filters and DNs built from the request."""
import ldap
import ldap3
from flask import Flask, request
from ldap.filter import escape_filter_chars, filter_format
from ldap3.utils.conv import escape_filter_chars as escape3

app = Flask(__name__)
BASE = "ou=people,dc=example,dc=com"
conn = ldap.initialize("ldap://directory.internal")


def find_person(name):
    query = "(&(objectClass=person)(uid=" + name + "))"
    # ruleid: python.ldap-injection
    return conn.search_s(BASE, ldap.SCOPE_SUBTREE, query)


@app.route("/people")
def people():
    return str(find_person(request.args["name"]))


@app.route("/people/mail")
def people_by_mail():
    mail = request.args.get("mail", "")
    first = mail.strip()
    second = first.lower()
    # ruleid: python.ldap-injection
    return str(conn.search_ext_s(BASE, ldap.SCOPE_SUBTREE, f"(mail={second})"))


@app.route("/people/escaped")
def people_escaped():
    name = request.args["name"]
    # ok: python.ldap-injection
    return str(conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(name)))


@app.route("/people/formatted")
def people_formatted():
    # ok: python.ldap-injection
    return str(conn.search_s(BASE, ldap.SCOPE_SUBTREE, filter_format("(uid=%s)", [request.args["name"]])))


@app.route("/people/unit/<unit>")
def people_in_unit(unit):
    # ruleid: python.ldap-injection
    return str(conn.search_s(f"ou={unit},dc=example,dc=com", ldap.SCOPE_ONELEVEL, "(objectClass=person)"))


@app.route("/groups", methods=["POST"])
def groups():
    group = request.form["group"]
    server = ldap3.Server("ldap://directory.internal")
    with ldap3.Connection(server, auto_bind=True) as connection:
        # ruleid: python.ldap-injection
        connection.search(BASE, f"(&(objectClass=group)(cn={group}))", attributes=["member"])
        # ok: python.ldap-injection
        connection.search(BASE, f"(&(objectClass=group)(cn={escape3(group)}))", attributes=["member"])
        return str(connection.entries)


def escape_filter(value):
    out = []
    for char in value:
        if char == "*":
            out.append("\\2a")
        elif char == "(":
            out.append("\\28")
        elif char == ")":
            out.append("\\29")
        elif char == "\\":
            out.append("\\5c")
        else:
            out.append(char)
    return "".join(out)


def tidy(value):
    return value.strip().lower()


@app.route("/members", methods=["POST"])
def members():
    group = request.form["group"]
    with ldap3.Connection(ldap3.Server("ldap://directory.internal"), auto_bind=True) as connection:
        # ok: python.ldap-injection
        connection.search(BASE, f"(&(objectClass=group)(cn={escape_filter(group)}))", attributes=["member"])
        # ruleid: python.ldap-injection
        connection.search(BASE, f"(&(objectClass=group)(cn={tidy(group)}))", attributes=["member"])
        return str(connection.entries)


@app.route("/index")
def index():
    term = request.args["q"]
    # ok: python.ldap-injection
    return str(search_index.search(term))


def list_everyone():
    # ok: python.ldap-injection
    return conn.search_s(BASE, ldap.SCOPE_SUBTREE, "(objectClass=person)")


search_index = None
