"""Request data kept between requests: in Flask's session and in a module-level registry."""
import subprocess
import urllib.request

from flask import Flask, abort, g, request, session

app = Flask(__name__)
HOOKS = {}
ALLOWED_FEEDS = {"https://status.example.com/feed.xml"}


@app.post("/feeds")
def choose_feed():
    session["pending_feed"] = request.form["feed_url"].strip()
    return "saved"


@app.post("/feeds/confirm")
def confirm_feed():
    url = session.get("pending_feed")
    # ruleid: python.ssrf
    with urllib.request.urlopen(url, timeout=8) as resp:
        return resp.read()


@app.post("/feeds/checked")
def confirm_checked_feed():
    url = session.get("pending_feed")
    if url not in ALLOWED_FEEDS:
        abort(400)
    # ok: python.ssrf
    with urllib.request.urlopen(url, timeout=8) as resp:
        return resp.read()


@app.post("/hooks/<name>")
def register_hook(name):
    HOOKS[name] = request.json["command"]
    return "registered"


@app.post("/hooks/<name>/run")
def run_hook(name):
    command = HOOKS.get(name)
    # ruleid: python.subprocess-shell
    return subprocess.run(command, shell=True, capture_output=True).stdout


@app.before_request
def load_tenant():
    g.theme = "default"


@app.get("/theme")
def theme():
    # ok: python.path-traversal
    return open(f"themes/{g.theme}.css").read()
