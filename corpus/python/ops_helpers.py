"""Operational helpers: logging, error handlers, webhook checks and XML imports for a payments service."""
import hashlib
import hmac
import logging
import ssl
import sys
import traceback
import xml.etree.ElementInclude
from hashlib import md5
from hashlib import sha1 as legacy_sha1
from hashlib import sha256

from django.views.decorators import clickjacking
from django.views.decorators.clickjacking import xframe_options_exempt, xframe_options_sameorigin
from flask import Flask, abort, jsonify, request
from lxml import etree
from OpenSSL import SSL

logger = logging.getLogger(__name__)
app = Flask(__name__)


def login(username, password, api_key, user):
    # ruleid: python.log-secret
    logger.info(f"login attempt user={username} password={password}")
    # ruleid: python.log-secret
    logger.debug("calling provider with key %s", api_key)
    # ruleid: python.log-secret
    print(f"token for {username}: {user.access_token}")
    # ok: python.log-secret
    logger.info("login attempt user=%s", username)
    # ok: python.log-secret
    logger.info(f"password length {len(password)} for {username}")
    # ok: python.log-secret
    logger.warning("Password reset requested for %s", username)
    # ok: python.log-secret
    logger.info(f"password_hash updated for {user.id}")


@app.errorhandler(500)
def server_error(exc):
    # ruleid: python.traceback-exposed
    return jsonify({"error": "internal", "trace": traceback.format_exc()}), 500


@app.route("/debug/run")
def run_job():
    try:
        return jsonify(result=do_work())
    except Exception:
        # ruleid: python.traceback-exposed
        return traceback.format_exc(), 500


@app.route("/jobs")
def jobs():
    try:
        return jsonify(result=do_work())
    except Exception:
        # ok: python.traceback-exposed
        logger.error("job failed: %s", traceback.format_exc())
        # ok: python.traceback-exposed
        return jsonify({"error": "internal error"}), 500


def do_work():
    return 1


def checksum(data: bytes) -> str:
    return sha256(data).hexdigest()


def legacy_user_hash(password: str) -> str:
    # ruleid: python.fast-password-hash
    return md5(password.encode()).hexdigest() + legacy_sha1(password.encode()).hexdigest()


def parse_with_dtd(data):
    # ruleid: python.lxml-load-dtd
    parser = etree.XMLParser(load_dtd=True)
    return etree.fromstring(data, parser)


def parse_validating(data):
    # ruleid: python.lxml-load-dtd
    return etree.fromstring(data, etree.XMLParser(dtd_validation=True, no_network=True))


def parse_plain(data):
    # ok: python.lxml-load-dtd
    return etree.fromstring(data, etree.XMLParser(load_dtd=False))


def parse_safe(data):
    # ok: python.lxml-load-dtd
    return etree.fromstring(data, etree.XMLParser(remove_blank_text=True))


def import_document(upload):
    tree = etree.parse(upload)
    # ruleid: python.xml-xinclude
    tree.xinclude()
    return tree


def import_stdlib(root):
    # ruleid: python.xml-xinclude
    xml.etree.ElementInclude.include(root)
    return root


def no_xinclude(tree, parser):
    # ok: python.xml-xinclude
    tree.xinclude_count = 0
    # ok: python.xml-xinclude
    return parser.include_comments(tree)


# ruleid: python.django-xframe-exempt
@xframe_options_exempt
def embeddable_widget(request):
    return None


# ruleid: python.django-xframe-exempt
@clickjacking.xframe_options_exempt
def map_embed(request):
    return None


# ok: python.django-xframe-exempt
def xframe_options_exempt_list():
    return []


# ok: python.django-xframe-exempt
@xframe_options_sameorigin
def account_settings(request):
    return None


@app.route("/webhooks/payments", methods=["POST"])
def payments_webhook():
    secret = app.config["WEBHOOK_SECRET"].encode()
    expected = hmac.new(secret, request.data, hashlib.sha256).hexdigest()
    # ruleid: python.timing-unsafe-compare
    if request.headers["X-Signature"] != expected:
        abort(401)
    signature = request.headers.get("X-Hub-Signature-256", "")
    # ruleid: python.timing-unsafe-compare
    if signature == "sha256=" + hmac.new(secret, request.data, hashlib.sha256).hexdigest():
        return "ok"
    # ok: python.timing-unsafe-compare
    if signature is None or signature == "":
        abort(400)
    # ok: python.timing-unsafe-compare
    if not hmac.compare_digest(signature, "sha256=" + expected):
        abort(401)
    return "ok"


def legacy_tls_server(ctx: ssl.SSLContext, openssl_ctx: SSL.Context):
    # ruleid: python.ssl-weak-ciphers
    ctx.set_ciphers("ALL:@SECLEVEL=0")
    # ruleid: python.ssl-weak-ciphers
    openssl_ctx.set_cipher_list(b"RC4-SHA:DES-CBC3-SHA")
    # ok: python.ssl-weak-ciphers
    ctx.set_ciphers("ECDHE+AESGCM:ECDHE+CHACHA20")
    # ok: python.ssl-weak-ciphers
    ctx.set_ciphers("HIGH:!aNULL:!eNULL:!MD5:!RC4")


def connect(session, auth):
    if auth is not None:
        # ok: python.log-secret
        warnings.warn(
            "The 'auth' parameter is deprecated;"
            " pass headers={'Authorization': encode_basic_auth(login, password)} instead",
            DeprecationWarning,
        )
    # ruleid: python.log-secret
    logger.info("connecting with {password}".format(password=auth.password))
    # ruleid: python.log-secret
    warnings.warn(f"weak password {auth.password}")


def handle_uncaught(settings, request):
    try:
        return process(request)
    except Exception:
        # ok: python.traceback-exposed
        return HttpResponseServerError(traceback.format_exc() if settings.DEBUG else "Internal Server Error")


def handle_uncaught_inverted(settings, request):
    try:
        return process(request)
    except Exception:
        # ruleid: python.traceback-exposed
        return HttpResponseServerError(traceback.format_exc() if not settings.DEBUG else "see the console")


class ErrorPages:
    """A formatter of an exception it is handed: where the text goes is decided by its caller."""

    def __init__(self, debug):
        self.debug = debug

    def trace_text(self, exc):
        # ok: python.traceback-exposed
        return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))

    def respond(self, exc):
        if self.debug:
            return PlainTextResponse(self.trace_text(exc), status_code=500)
        return PlainTextResponse("Internal Server Error", status_code=500)

    def handle(self, request):
        try:
            return process(request)
        except Exception:
            # ruleid: python.traceback-exposed
            return "".join(traceback.format_exception(*sys.exc_info()))


@app.errorhandler(Exception)
def plain_trace(exc):
    # ruleid: python.traceback-exposed
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
