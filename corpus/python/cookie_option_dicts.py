"""Cookie flags kept in a dictionary spread into `set_cookie`: the dictionary's values are the
flags."""
from flask import Flask, make_response

app = Flask(__name__)
LOOSE_COOKIE = {"httponly": False, "secure": False, "samesite": "Lax", "max_age": 3600}
STRICT_COOKIE = {"httponly": True, "secure": True, "samesite": "Strict", "max_age": 3600}


@app.route("/login")
def login():
    resp = make_response("ok")
    # ruleid: python.cookie-insecure-flags
    resp.set_cookie("sid", "opaque-session-id", **LOOSE_COOKIE)
    # ok: python.cookie-insecure-flags
    resp.set_cookie("sid2", "opaque-session-id", **STRICT_COOKIE)
    # ok: python.cookie-insecure-flags
    resp.set_cookie("csrf_token", "opaque", **LOOSE_COOKIE)
    return resp
