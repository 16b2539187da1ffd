"""Webhook and image proxies that check the host of the URL they were given."""
from urllib.parse import urlparse, urlsplit

import requests
from flask import Flask, abort, request

app = Flask(__name__)
TRUSTED_HOSTS = {"hooks.example.com", "images.example.org"}


@app.post("/hook")
def hook():
    url = request.json["url"]
    if urlparse(url).hostname not in TRUSTED_HOSTS:
        abort(400)
    # ok: python.ssrf
    requests.post(url, json={"ping": True}, timeout=5)
    return "sent"


@app.post("/hook-prefix")
def hook_prefix():
    url = request.json["url"]
    if not urlparse(url).hostname.startswith("hooks."):
        abort(400)
    # ruleid: python.ssrf
    requests.post(url, json={"ping": True}, timeout=5)
    return "sent"


@app.get("/image")
def image():
    src = request.args["src"]
    parts = urlsplit(src)
    if parts.netloc in TRUSTED_HOSTS:
        # ok: python.ssrf
        return requests.get(src, timeout=5).content
    # ruleid: python.ssrf
    return requests.get(src, timeout=5).content


@app.get("/image-other")
def image_other():
    src = request.args["src"]
    fallback = request.args["fallback"]
    if urlparse(fallback).hostname not in TRUSTED_HOSTS:
        abort(400)
    # ruleid: python.ssrf
    return requests.get(src, timeout=5).content
