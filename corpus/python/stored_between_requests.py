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


class Subscribers:
    """Callback URLs by tenant, kept by a module-level object one route fills."""

    def __init__(self):
        self._by_tenant = {}

    def add(self, tenant, url):
        self._by_tenant[tenant] = url

    def urls(self):
        return list(self._by_tenant.values())


class Counters:
    def __init__(self):
        self._hits = {}

    def bump(self, page):
        self._hits[page] = int(request.args.get("n", "1"))

    def pages(self):
        return list(self._hits)


subscribers = Subscribers()
counters = Counters()


@app.post("/subscribe")
def subscribe():
    subscribers.add(request.json["tenant"], request.json["callback"])
    counters.bump("subscribe")
    return "ok"


@app.post("/broadcast")
def broadcast():
    for url in subscribers.urls():
        # ruleid: python.ssrf
        urllib.request.urlopen(url, timeout=5)
    for page in counters.pages():
        # ok: python.path-traversal
        open(f"stats/{page}.txt", "a").close()
    return "sent"
