# Cookies that carry a session or a credential, set with and without their flags.
import secrets

from flask import Flask, make_response

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    resp = make_response("welcome")
    # ruleid: python.session-cookie-flags-missing
    resp.set_cookie("session_token", secrets.token_urlsafe(32))
    # ruleid: python.session-cookie-flags-missing
    resp.set_cookie("remember_me", secrets.token_hex(16), max_age=30 * 86400, httponly=True)
    # ok: python.session-cookie-flags-missing
    resp.set_cookie("access_token", secrets.token_urlsafe(32), httponly=True, secure=True, samesite="Lax")
    # ok: python.session-cookie-flags-missing
    resp.set_cookie("theme", "dark")
    # ok: python.session-cookie-flags-missing
    resp.set_cookie("csrf_token", secrets.token_hex(16), secure=True)
    return resp


COOKIE_OPTIONS = {"httponly": True, "secure": True, "samesite": "Strict"}


@app.route("/refresh", methods=["POST"])
def refresh():
    resp = make_response("refreshed")
    # ok: python.session-cookie-flags-missing
    resp.set_cookie("refresh_token", secrets.token_urlsafe(32), **COOKIE_OPTIONS)
    # ok: python.session-cookie-flags-missing
    resp.set_cookie("sid", secrets.token_hex(16), secure=app.config["SECURE"], httponly=True)
    return resp


def fastapi_login(response, token):
    # ruleid: python.session-cookie-flags-missing
    response.set_cookie(key="session_id", value=token)
    # ok: python.session-cookie-flags-missing
    response.set_cookie(key="session_id", value=token, httponly=True, secure=True, samesite="lax")
    # ruleid: python.cookie-insecure-flags
    response.set_cookie(key="auth_token", value=token, httponly=False, secure=True)
    # ok: python.session-cookie-flags-missing, python.cookie-insecure-flags
    response.set_cookie(key="theme", value="dark")
