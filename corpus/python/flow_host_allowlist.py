# An allow-list check of a parsed URL's host vouches for the URL; a check of its scheme does not.
from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}


@app.route("/thumb")
def thumb():
    link = request.args.get("link", "")
    host = urlparse(link).hostname
    if host not in ALLOWED_HOSTS:
        abort(400)
    # ok: python.ssrf
    return requests.get(link, timeout=4).content


@app.route("/thumb-scheme")
def thumb_scheme():
    link = request.args.get("link", "")
    scheme = urlparse(link).scheme
    if scheme not in {"http", "https"}:
        abort(400)
    # ruleid: python.ssrf
    return requests.get(link, timeout=4).content


@app.route("/thumb-netloc")
def thumb_netloc():
    link = request.args.get("link", "")
    parsed = urlparse(link)
    if parsed.netloc in ALLOWED_HOSTS:
        # ok: python.ssrf
        return requests.get(parsed.geturl(), timeout=4).content
    # ruleid: python.ssrf
    return requests.get(link, timeout=4).content
