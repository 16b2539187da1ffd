"""Validators that bind a parsed view of their parameter first, host checks with a default, a
negated conjunction as an early exit, and a session made through an aliased import."""
from urllib.parse import urlsplit, urlunsplit

import requests as rq
from flask import Flask, abort, redirect, request, url_for

app = Flask(__name__)
PARTNERS = {"www.youtube.com", "vimeo.com"}


def is_local_path(target):
    if not target or "\\" in target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def has_no_scheme(target):
    parts = urlsplit(target)
    return not parts.scheme


@app.route("/login/done")
def login_done():
    next_url = request.args.get("next", "")
    if not is_local_path(next_url):
        next_url = url_for("index")
    # ok: python.open-redirect
    return redirect(next_url)


@app.route("/login/done-loose")
def login_done_loose():
    next_url = request.args.get("next", "")
    if not has_no_scheme(next_url):
        next_url = url_for("index")
    # ruleid: python.open-redirect
    return redirect(next_url)


@app.route("/logout/done")
def logout_done():
    next_url = request.args.get("next", "")
    if not (next_url.startswith("/") and not next_url.startswith("//")):
        return redirect(url_for("index"))
    # ok: python.open-redirect
    return redirect(next_url)


def normalise(url):
    parts = urlsplit(url)
    if parts.scheme != "https":
        return None
    host = (parts.hostname or "").lower()
    if host not in PARTNERS:
        return None
    return urlunsplit(("https", host, parts.path or "/", parts.query, ""))


def normalise_any(url):
    parts = urlsplit(url)
    if parts.scheme != "https":
        return None
    return urlunsplit(("https", parts.hostname, parts.path or "/", parts.query, ""))


@app.route("/preview")
def preview():
    url = normalise(request.args.get("url", ""))
    if url is None:
        abort(400)
    # ok: python.ssrf
    return rq.get(url, timeout=5).text


@app.route("/preview-any")
def preview_any():
    url = normalise_any(request.args.get("url", ""))
    if url is None:
        abort(400)
    # ruleid: python.ssrf
    return rq.get(url, timeout=5).text


@app.route("/fetch")
def fetch():
    session = rq.Session()
    # ruleid: python.ssrf
    return session.get(request.args["url"], timeout=5).text


@app.route("/fetch-partner")
def fetch_partner():
    url = request.args["url"]
    host = (urlsplit(url).hostname or "").lower()
    if host not in PARTNERS:
        abort(400)
    session = rq.Session()
    # ok: python.ssrf
    return session.get(url, timeout=5).text
