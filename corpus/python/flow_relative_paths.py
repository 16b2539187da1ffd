"""Containment checked on the path relative to the root, and an allow-list in a disjunction."""
import os
from urllib.parse import urlparse

import requests
from flask import Flask, abort, request, send_file

app = Flask(__name__)
ROOT = "/srv/shared"
PARTNERS = {"api.partner.example", "hooks.partner.example"}
BLOCKED = {"169.254.169.254", "localhost"}


@app.get("/shared")
def shared():
    full = os.path.join(ROOT, request.args["name"])
    if os.path.relpath(full, ROOT).startswith(os.pardir):
        abort(403)
    # ok: python.path-traversal
    return send_file(full)


@app.get("/shared-dotted")
def shared_dotted():
    full = os.path.join(ROOT, request.args["name"])
    if os.path.relpath(full, ROOT).startswith(".."):
        abort(403)
    # ok: python.path-traversal
    return send_file(full)


@app.get("/shared-unchecked")
def shared_unchecked():
    full = os.path.join(ROOT, request.args["name"])
    if os.path.relpath(full, ROOT).endswith(".."):
        abort(403)
    # ruleid: python.path-traversal
    return send_file(full)


@app.post("/notify")
def notify():
    url = request.json["url"]
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname not in PARTNERS:
        abort(400)
    # ok: python.ssrf
    return {"status": requests.post(url, json={}, timeout=5).status_code}


@app.post("/notify-denylist")
def notify_denylist():
    url = request.json["url"]
    parsed = urlparse(url)
    if parsed.scheme != "https" or parsed.hostname in BLOCKED:
        abort(400)
    # ruleid: python.ssrf
    return {"status": requests.post(url, json={}, timeout=5).status_code}
