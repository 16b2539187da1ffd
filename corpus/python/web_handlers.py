"""Views and helpers across a Django app, a Flask app and an aiohttp service."""
import ftplib
import hashlib
import hmac
import os
import re
import tempfile
import shutil
import smtplib
import stat
import telnetlib
from xmlrpc.server import SimpleXMLRPCServer

import aiohttp_jinja2
import asyncssh
import jinja2
import requests
import urllib3
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path
from django.views.decorators import csrf
from django.views.decorators.csrf import csrf_exempt, ensure_csrf_cookie
from fastapi import FastAPI
from flask import Flask, make_response
from flask_wtf import FlaskForm
from starlette.middleware.trustedhost import TrustedHostMiddleware


# ruleid: python.django-csrf-exempt
@csrf_exempt
def update_profile(request):
    request.user.email = request.POST["email"]
    request.user.save()
    return JsonResponse({"ok": True})


# ruleid: python.django-csrf-exempt
@csrf.csrf_exempt
def transfer(request):
    return JsonResponse({"ok": True})


FEED_KEY = os.environ["FEED_KEY"].encode()


# A partner's feed signs each request: the view checks the signature itself.
# ok: python.django-csrf-exempt
@csrf_exempt
def partner_feed(request):
    signature = request.headers.get("X-Partner-Signature", "")
    expected = hmac.new(FEED_KEY, request.body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        return JsonResponse({"ok": False}, status=403)
    return JsonResponse({"ok": True})


# ok: python.django-csrf-exempt
@ensure_csrf_cookie
def profile_page(request):
    return JsonResponse({"email": request.user.email})


def legacy_hook(request):
    return JsonResponse({})


urlpatterns = [
    # ruleid: python.django-csrf-exempt
    path("hooks/legacy/", csrf_exempt(legacy_hook)),
    # ok: python.django-csrf-exempt
    path("profile/", profile_page),
]


def delete_user(request, user_id):
    # ruleid: python.assert-authorization
    assert request.user.is_staff
    request.user.__class__.objects.filter(id=user_id).delete()


def edit_invoice(request, invoice):
    # ruleid: python.assert-authorization
    assert invoice.owner_id == request.user.id, "not your invoice"
    invoice.save()


def export_all(user):
    # ruleid: python.assert-authorization
    assert user.has_perm("billing.export")
    return []


def publish(request, article):
    # ruleid: python.assert-authorization
    assert request.user.can_publish
    article.publish()


def archive(request, report):
    # ruleid: python.assert-authorization
    assert can_archive(request.user, report), "not allowed"
    report.archive()


def bulk_copy(self, rows):
    # A capability of the database backend, not of a user: an internal invariant.
    # ok: python.assert-authorization
    assert not (len(rows) > 1 and not self.connection.features.can_copy_many_rows)
    self.copy(rows)


def delete_user_checked(request, user_id):
    # ok: python.assert-authorization
    if not request.user.is_staff:
        raise PermissionDenied
    # ok: python.assert-authorization
    assert user_id is not None
    return user_id


def test_admin_can_delete(admin_user):
    # ok: python.assert-authorization
    assert admin_user.is_staff


app = Flask(__name__)
# ruleid: python.cookie-insecure-flags
app.config["SESSION_COOKIE_HTTPONLY"] = False
# ruleid: python.csrf-protection-disabled
app.config["WTF_CSRF_ENABLED"] = False
# ok: python.csrf-protection-disabled
app.config["WTF_CSRF_ENABLED"] = True
# ruleid: python.csrf-protection-disabled
app.config.update(WTF_CSRF_ENABLED=False, TESTING=False)


class SearchForm(FlaskForm):
    class Meta:
        # ruleid: python.csrf-protection-disabled
        csrf = False


class OtherMeta:
    # ok: python.csrf-protection-disabled
    csrf = False


@app.route("/login", methods=["POST"])
def login():
    resp = make_response("ok")
    # ruleid: python.cookie-insecure-flags
    resp.set_cookie("session_id", "abc", secure=False)
    # ruleid: python.cookie-insecure-flags
    resp.set_cookie("remember", "1", httponly=False, secure=True)
    # ok: python.cookie-insecure-flags
    resp.set_cookie("csrf_token", "t", httponly=False, secure=True)
    # ok: python.cookie-insecure-flags
    resp.set_cookie("session_id", "abc", secure=True, httponly=True, samesite="Lax")
    return resp


api = FastAPI()
# ruleid: python.trusted-host-any
api.add_middleware(TrustedHostMiddleware, allowed_hosts=["*"])
# ruleid: python.trusted-host-any
api.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.com", "*"])
# ok: python.trusted-host-any
api.add_middleware(TrustedHostMiddleware, allowed_hosts=["api.example.com", "*.example.com"])
# ok: python.trusted-host-any
api.add_middleware(TrustedHostMiddleware, allowed_hosts=os.environ["HOSTS"].split(","))


def setup_templates(web_app):
    # ruleid: python.aiohttp-jinja2-autoescape-off
    aiohttp_jinja2.setup(web_app, loader=jinja2.FileSystemLoader("templates"), autoescape=False)


def setup_templates_other(web_app):
    # ruleid: python.aiohttp-jinja2-autoescape-off
    aiohttp_jinja2.setup(web_app, autoescape=False, loader=jinja2.PackageLoader("shop"))


def setup_templates_safe(web_app):
    # ok: python.aiohttp-jinja2-autoescape-off
    aiohttp_jinja2.setup(web_app, loader=jinja2.FileSystemLoader("templates"))
    # ok: python.aiohttp-jinja2-autoescape-off
    aiohttp_jinja2.setup(web_app, loader=jinja2.FileSystemLoader("templates"), autoescape=True)


def prepare_dirs(base):
    # The umask still applies to creation modes.
    # ok: python.world-writable-create
    os.makedirs(os.path.join(base, "uploads"), mode=0o777, exist_ok=True)
    # ok: python.world-writable-create
    os.mkdir(os.path.join(base, "cache"), 0o777)
    # ok: python.world-writable-create
    os.makedirs(os.path.join(base, "logs"), mode=0o755, exist_ok=True)
    # ok: python.world-writable-create
    os.mkdir(os.path.join(base, "private"), 0o700)
    # ok: python.world-writable-create
    fd = os.open(os.path.join(base, "state"), os.O_CREAT | os.O_WRONLY, 0o666)
    os.close(fd)


def run_as_daemon():
    # ruleid: python.umask-zero
    os.umask(0)
    # ruleid: python.umask-zero
    os.umask(0o000)
    # ok: python.umask-zero
    os.umask(0o022)
    # ok: python.umask-zero
    os.umask(0o077)


def copy_mode(old_path, new_path):
    # Reading the umask means setting it: set back on the next line, no file is created at 0.
    # ok: python.umask-zero
    current_umask = os.umask(0)
    os.umask(current_umask)
    os.chmod(new_path, stat.S_IMODE(os.stat(old_path).st_mode) & ~current_umask)


def extract_shared(archive, target):
    # ruleid: python.umask-zero
    previous = os.umask(0)
    archive.extractall(target)
    os.umask(previous)


def write_report(data):
    # ruleid: python.insecure-temp-path
    with open("/tmp/report.csv", "w") as fh:
        fh.write(data)
    # ruleid: python.insecure-temp-path
    shutil.copy("build/out.tar", "/tmp/out.tar")
    # ok: python.insecure-temp-path
    with open("/tmp/report.csv") as fh:
        return fh.read()


def stage_job(job_id, payload):
    staged = os.path.join("/tmp", f"job-{job_id}.dat")
    # ruleid: python.insecure-temp-path
    fd = os.open(staged, os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, payload)
    os.close(fd)
    # ruleid: python.insecure-temp-path
    with open(staged, "w") as fh:
        fh.write("done")
    # ok: python.insecure-temp-path
    fd = os.open(staged + ".lock", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    private = os.path.join(tempfile.mkdtemp(), "job.dat")
    # ok: python.insecure-temp-path
    with open(private, "w") as fh:
        fh.write("done")


def read_config():
    # ok: python.insecure-temp-path
    with open("/etc/billing/config.ini", "w") as fh:
        fh.write("")


def fetch_backup(password):
    # ruleid: python.cleartext-protocol
    ftp = ftplib.FTP("files.example.com")
    ftp.login("backup", password)
    # ok: python.cleartext-protocol
    secure = ftplib.FTP_TLS("files.example.com")
    secure.login("backup", password)
    secure.prot_p()
    return ftp, secure


def router_shell(host):
    # ruleid: python.cleartext-protocol
    return telnetlib.Telnet(host, 23)


def send_mail(user, password):
    # ruleid: python.cleartext-protocol
    smtplib.SMTP("mail.example.com", 25).login(user, password)
    # ok: python.cleartext-protocol
    smtplib.SMTP_SSL("mail.example.com", 465).login(user, password)


async def restart(host):
    # ruleid: python.ssh-host-key-unchecked
    async with asyncssh.connect(host, username="deploy", known_hosts=None) as conn:
        await conn.run("systemctl restart app")
    # ok: python.ssh-host-key-unchecked
    async with asyncssh.connect(host, username="deploy") as conn:
        await conn.run("systemctl restart app")
    # ok: python.ssh-host-key-unchecked
    async with asyncssh.connect(host, known_hosts="/etc/deploy/known_hosts") as conn:
        await conn.run("uptime")


def options():
    # ruleid: python.ssh-host-key-unchecked
    return asyncssh.SSHClientConnectionOptions(known_hosts=None, username="ops")


class InventoryApi:
    def list_items(self):
        return []


def serve_rpc():
    server = SimpleXMLRPCServer(("0.0.0.0", 8000))
    # ruleid: python.xmlrpc-dotted-names
    server.register_instance(InventoryApi(), allow_dotted_names=True)
    # ruleid: python.xmlrpc-dotted-names
    server.register_instance(InventoryApi(), True)
    # ok: python.xmlrpc-dotted-names
    server.register_instance(InventoryApi())
    # ok: python.xmlrpc-dotted-names
    server.register_instance(InventoryApi(), allow_dotted_names=False)
    server.serve_forever()


def fetch_internal(url):
    # ruleid: python.urllib3-warnings-disabled
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    # ruleid: python.urllib3-warnings-disabled
    requests.packages.urllib3.disable_warnings()
    # ok: python.urllib3-warnings-disabled
    urllib3.disable_warnings(urllib3.exceptions.SubjectAltNameWarning)
    # ok: python.urllib3-warnings-disabled
    warnings_off = urllib3.exceptions.InsecureRequestWarning
    return requests.get(url, timeout=5), warnings_off


# ruleid: python.redos-nested-quantifier
EMAIL = re.compile(r"^([a-zA-Z0-9]+)*@example\.com$")
# ruleid: python.redos-nested-quantifier
WORDS = re.compile(r"^(\w+\s?)*$")
# ruleid: python.redos-nested-quantifier
ANY = re.match(r"(.*)*x", "aaaa")
# ok: python.redos-nested-quantifier
VERSION = re.compile(r"^(\d+\.)*\d+$")
# ok: python.redos-nested-quantifier
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# ok: python.redos-nested-quantifier
HEX = re.compile(r"^(0x)?[0-9a-f]+$")


def wrap_session_key(public_key, private_key, session_key, blob):
    # ruleid: python.rsa-pkcs1v15-encryption
    wrapped = public_key.encrypt(session_key, padding.PKCS1v15())
    # ruleid: python.rsa-pkcs1v15-encryption
    plain = private_key.decrypt(blob, padding.PKCS1v15())
    # ok: python.rsa-pkcs1v15-encryption
    good = public_key.encrypt(session_key, padding.OAEP(mgf=padding.MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None))
    # ok: python.rsa-pkcs1v15-encryption
    sig = private_key.sign(blob, padding.PKCS1v15(), hashes.SHA256())
    return wrapped, plain, good, sig


@app.route("/users", methods=["POST"])
def create_user():
    # ruleid: python.mass-assignment
    user = User(**request.get_json())
    # ruleid: python.mass-assignment
    profile = Profile.objects.create(**request.POST.dict())
    # ok: python.mass-assignment
    safe = User(name=request.json["name"], email=request.json["email"])
    # ok: python.mass-assignment
    data = UserIn(**validated)
    return user, profile, safe, data


@app.route("/embed")
def embed():
    resp = make_response("ok")
    # ruleid: python.cookie-samesite-none, python.session-cookie-flags-missing
    resp.set_cookie("session_id", "x", samesite="None", secure=True)
    # ok: python.cookie-samesite-none
    resp.set_cookie("embed_pref", "x", samesite="None", secure=True)
    return resp


def ldap_login(conn, username, password):
    # ruleid: python.ldap-anonymous-bind
    conn.simple_bind_s(f"uid={username},ou=people,dc=example,dc=com", "")
    # ok: python.ldap-anonymous-bind
    conn.simple_bind_s(f"uid={username},ou=people,dc=example,dc=com", password)


def ldap3_probe(server):
    # ruleid: python.ldap-anonymous-bind
    ldap3.Connection(server, user="cn=reader,dc=example,dc=com", password="", auto_bind=True)
    # ok: python.ldap-anonymous-bind
    return ldap3.Connection(server, user="cn=reader,dc=example,dc=com", password=os.environ["LDAP_PASSWORD"])


def openssl_client():
    ctx = SSL.Context(SSL.TLS_CLIENT_METHOD)
    # ruleid: python.pyopenssl-verify-none
    ctx.set_verify(SSL.VERIFY_NONE, lambda *args: True)
    # ruleid: python.pyopenssl-verify-none
    ctx.set_verify(VERIFY_NONE)
    # ok: python.pyopenssl-verify-none
    ctx.set_verify(SSL.VERIFY_PEER | SSL.VERIFY_FAIL_IF_NO_PEER_CERT, None)
    # ok: python.pyopenssl-verify-none
    ctx.set_verify_depth(4)
    return ctx


def suspend_member(request, member_id):
    member = Member.objects.get(pk=member_id)
    # ruleid: python.assert-authorization
    assert request.user.is_active
    member.suspend()
    return JsonResponse({"ok": True})


class Transaction:
    def commit(self):
        self._flush()
        self._deactivate()
        # The transaction's own state after commit, not a permission.
        # ok: python.assert-authorization
        assert not self.is_active
