"""Handlers that call their sinks through aliased imports: each spelling resolves to the same call."""
import os.path as osp
import requests as r
import sqlite3
from flask import Flask, abort, request as rq
from flask import redirect as go_to
from os import system as shell
from pathlib import Path as P
from shlex import quote as sh_quote
from subprocess import run as go
from urllib.request import urlopen as fetch_url

from markupsafe import Markup as Safe, escape as esc

app = Flask(__name__)
STATUS_URL = "https://status.example.com/health"
UPLOADS = "/srv/uploads"
ALLOWED_NEXT = {"/", "/account", "/orders"}


@app.route("/proxy")
def proxy():
    target = rq.args["url"]
    # ruleid: python.ssrf
    return r.get(target, timeout=5).text


@app.route("/status")
def status():
    verbose = rq.args.get("verbose", "")
    # ok: python.ssrf
    return r.get(STATUS_URL, timeout=5).text + verbose


@app.route("/mirror")
def mirror():
    first = rq.values["src"]
    second = first.strip()
    third = second
    # ruleid: python.ssrf
    return fetch_url(third).read()


@app.route("/ping")
def ping():
    host = rq.args["host"]
    # ruleid: python.os-system
    shell("ping -c 1 " + host)
    # ok: python.os-system
    shell("ping -c 1 " + sh_quote(host))
    return "sent"


@app.route("/trace")
def trace():
    host = rq.form["host"]
    # ruleid: python.subprocess-shell
    go(f"traceroute {host}", shell=True)
    # ok: python.subprocess-shell
    go(f"traceroute {sh_quote(host)}", shell=True)
    return "done"


@app.route("/download")
def download():
    name = rq.args["name"]
    # ruleid: python.path-traversal
    return open(osp.join(UPLOADS, name)).read()


@app.route("/download-safe")
def download_safe():
    name = osp.basename(rq.args["name"])
    # ok: python.path-traversal
    return open(osp.join(UPLOADS, name)).read()


@app.route("/notes")
def notes():
    title = rq.args["title"]
    # ruleid: python.path-traversal
    return P(UPLOADS, title).read_text()


@app.route("/greet")
def greet():
    who = rq.args["who"]
    # ruleid: python.xss
    return Safe("<h1>Hello " + who + "</h1>")


@app.route("/greet-escaped")
def greet_escaped():
    who = esc(rq.args["who"])
    # ok: python.xss
    return Safe("<h1>Hello " + who + "</h1>")


@app.route("/login-done")
def login_done():
    target = rq.args.get("next", "/")
    # ruleid: python.open-redirect
    return go_to(target)


@app.route("/login-checked")
def login_checked():
    target = rq.args.get("next", "/")
    if target not in ALLOWED_NEXT:
        abort(400)
    # ok: python.open-redirect
    return go_to(target)


@app.route("/orders")
def orders():
    status = rq.args["status"]
    db = sqlite3.connect("shop.db")
    # ruleid: python.sql-string-formatting
    return db.execute(f"SELECT * FROM orders WHERE status = '{status}'").fetchall()


from http.client import responses as http_responses


@app.route("/status-text")
def status_text():
    code = rq.args.get("code", "")
    # A dict named after HTTP: its `get` looks the reason phrase up.
    # ok: python.ssrf
    return http_responses.get(code, "Unknown")


@app.route("/where/<path:rest>")
def where(rest):
    # ruleid: python.xss
    return f"<h1>Moved</h1><p>Nothing at {rq.path} any more</p>"


@app.route("/where-escaped/<path:rest>")
def where_escaped(rest):
    # ok: python.xss
    return f"<h1>Moved</h1><p>Nothing at {esc(rq.path)} any more</p>"


@app.errorhandler(404)
def not_found(error):
    # ruleid: python.xss
    return f"<h1>Not found</h1><p>No page at {rq.path}</p>", 404


@app.errorhandler(410)
def gone(error):
    # ok: python.xss
    return f"<h1>Gone</h1><p>No page at {esc(rq.path)}</p>", 410
