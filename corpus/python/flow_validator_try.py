from urllib.parse import urlparse

import requests
from flask import Flask, request

app = Flask(__name__)
ALLOWED = {"docs.example.com"}


def is_allowed(value):
    try:
        parsed = urlparse(value)
        return parsed.scheme == "https" and parsed.hostname in ALLOWED
    except ValueError:
        return False


def is_anything(value):
    try:
        parsed = urlparse(value)
        return parsed.scheme == "https"
    except ValueError:
        return False


@app.get("/a")
def a():
    url = request.args["url"]
    if not is_allowed(url):
        return "no", 400
    # ok: python.ssrf
    return requests.get(url, timeout=5).text


@app.get("/b")
def b():
    url = request.args["url"]
    if not is_anything(url):
        return "no", 400
    # ruleid: python.ssrf
    return requests.get(url, timeout=5).text
