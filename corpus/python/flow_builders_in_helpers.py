"""Objects handed on: a builder whose methods fill it and `return self`, followed inside a
helper; a service held in a field, whose method's result is followed; a URL rebuilt from its
checked parts; `a and b`, whose value is `b` (or a falsy `a`)."""
from urllib.parse import urlparse

import requests
from flask import Flask, escape, redirect, request

app = Flask(__name__)
PARTNERS = {"hooks.partner.example", "hooks.slack.com"}
PAGES = {"billing": "/settings/billing", "team": "/settings/team"}


class Banner:
    def __init__(self):
        self._title = ""

    def title(self, text):
        self._title = f"<h1>{text}</h1>"
        return self

    def html(self):
        return f"<header>{self._title}</header>"


def banner_for(term):
    return Banner().title(term).html()


def safe_banner_for(term):
    return Banner().title(escape(term)).html()


@app.get("/banner")
def banner():
    # ruleid: python.xss
    return banner_for(request.args.get("q", ""))


@app.get("/banner/escaped")
def banner_escaped():
    # ok: python.xss
    return safe_banner_for(request.args.get("q", ""))


def partner_url(raw):
    parsed = urlparse(raw)
    if parsed.scheme != "https" or parsed.hostname not in PARTNERS:
        raise ValueError("not a partner")
    return parsed.geturl()


def any_url(raw):
    parsed = urlparse(raw)
    if parsed.scheme != "https":
        raise ValueError("not https")
    return parsed.geturl()


class Hook:
    def __init__(self, target):
        self.target = partner_url(target)

    def fire(self):
        # ok: python.ssrf
        return requests.post(self.target, json={"ping": True}, timeout=5).status_code


class LooseHook:
    def __init__(self, target):
        self.target = any_url(target)

    def fire(self):
        # ruleid: python.ssrf
        return requests.post(self.target, json={"ping": True}, timeout=5).status_code


@app.post("/hooks/test")
def test_hook():
    return str(Hook(request.json["url"]).fire())


@app.post("/hooks/loose")
def test_loose_hook():
    return str(LooseHook(request.json["url"]).fire())


@app.get("/go")
def go():
    key = request.args.get("to")
    # ok: python.open-redirect
    return redirect(key and PAGES.get(key) or "/")


@app.get("/go/anywhere")
def go_anywhere():
    key = request.args.get("to")
    # ruleid: python.open-redirect
    return redirect(key and key.strip() or "/")
