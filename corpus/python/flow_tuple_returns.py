"""A helper that returns the SQL text and its parameters as a pair: the names the pair is taken
apart into hold their own elements, so the parameter list that carries the request's values
does not taint the text built only from constants beside it."""
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def build_filter(customer, status):
    clauses = ["customer = ?"]
    params = [customer]
    if status:
        clauses.append("status = ?")
        params.append(status)
    return " AND ".join(clauses), params


def build_unsafe_filter(customer):
    return "customer = '%s'" % customer, []


class OrderQuery:
    def __init__(self, customer):
        self.customer = customer

    def statement(self):
        return "SELECT id FROM orders WHERE customer = ?", [self.customer]

    def unsafe_statement(self):
        return "SELECT id FROM orders WHERE customer = '%s'" % self.customer, []


@app.route("/invoices")
def invoices():
    conn = sqlite3.connect("billing.db")
    where, params = build_filter(request.args["customer"], request.args.get("status"))
    # ok: python.sql-string-formatting
    rows = conn.execute("SELECT id FROM invoices WHERE " + where, params).fetchall()
    unsafe_where, none = build_unsafe_filter(request.args["customer"])
    # ruleid: python.sql-string-formatting
    more = conn.execute("SELECT id FROM invoices WHERE " + unsafe_where, none).fetchall()
    return {"rows": rows, "more": more}


@app.route("/orders")
def orders():
    conn = sqlite3.connect("billing.db")
    query = OrderQuery(request.args["customer"])
    sql, params = query.statement()
    # ok: python.sql-string-formatting
    rows = conn.execute(sql, params).fetchall()
    unsafe_sql, none = query.unsafe_statement()
    # ruleid: python.sql-string-formatting
    more = conn.execute(unsafe_sql, none).fetchall()
    # A pair written out splits the same way.
    text, args = "SELECT id FROM orders WHERE customer = ?", [request.args["customer"]]
    # ok: python.sql-string-formatting
    again = conn.execute(text, args).fetchall()
    return {"rows": rows, "more": more, "again": again}
