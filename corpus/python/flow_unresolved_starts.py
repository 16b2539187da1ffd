"""A start check keeps a path inside its root only once `..` is resolved, and keeps a URL on its
host only when the start ends after the host: `https://api.example.com` is also the start of
`https://api.example.com.evil.example`."""
import os
from pathlib import Path

import requests
from flask import Flask, abort, request, send_file

app = Flask(__name__)
ROOT = "/srv/reports"
PARTNER = "https://api.partner.example"
PARTNER_API = "https://api.partner.example/"


@app.route("/reports/joined")
def joined():
    full = os.path.join(ROOT, request.args["name"])
    if not full.startswith(ROOT):
        abort(403)
    # ruleid: python.path-traversal
    return send_file(full)


@app.route("/reports/resolved")
def resolved():
    full = os.path.realpath(os.path.join(ROOT, request.args["name"]))
    if not full.startswith(ROOT + os.sep):
        abort(403)
    # ok: python.path-traversal
    return send_file(full)


@app.route("/reports/pathlib")
def with_pathlib():
    target = Path(ROOT) / request.args["name"]
    if not str(target).startswith(ROOT):
        abort(403)
    # ruleid: python.path-traversal
    return target.read_text()


@app.route("/reports/pathlib/resolved")
def with_pathlib_resolved():
    target = (Path(ROOT) / request.args["name"]).resolve()
    if not target.is_relative_to(ROOT):
        abort(403)
    # ok: python.path-traversal
    return target.read_text()


def is_partner(url):
    return url.startswith(PARTNER)


def is_partner_api(url):
    return url.startswith(PARTNER_API)


@app.route("/proxy")
def proxy():
    url = request.args["url"]
    if not is_partner(url):
        abort(403)
    # ruleid: python.ssrf
    return requests.get(url, timeout=5).text


@app.route("/proxy/api")
def proxy_api():
    url = request.args["url"]
    if not is_partner_api(url):
        abort(403)
    # ok: python.ssrf
    return requests.get(url, timeout=5).text


@app.route("/proxy/inline")
def proxy_inline():
    url = request.args["url"]
    if not url.startswith("https://cdn.partner.example"):
        abort(403)
    # ruleid: python.ssrf
    return requests.get(url, timeout=5).content


@app.route("/proxy/inline/slash")
def proxy_inline_slash():
    url = request.args["url"]
    if not url.startswith("https://cdn.partner.example/"):
        abort(403)
    # ok: python.ssrf
    return requests.get(url, timeout=5).content
