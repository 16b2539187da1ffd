# An exception raised with request data in its message carries that data to the handler that
# catches it: `str(exc)` / `exc.args` written into a page is the data itself.
import shlex
import subprocess

from flask import Flask, redirect, request
from markupsafe import escape

app = Flask(__name__)
PAGES = {"about": "<p>About us</p>", "team": "<p>The team</p>"}


class PageMissing(Exception):
    pass


@app.route("/page")
def page():
    name = request.args.get("name", "")
    try:
        if name not in PAGES:
            raise PageMissing(f"no page called {name}")
        return PAGES[name]
    except PageMissing as exc:
        # ruleid: python.xss
        return f"<h1>Not found</h1><p>{exc}</p>"


@app.route("/page-escaped")
def page_escaped():
    name = request.args.get("name", "")
    try:
        if name not in PAGES:
            raise PageMissing(f"no page called {name}")
        return PAGES[name]
    except PageMissing as exc:
        # ok: python.xss
        return f"<h1>Not found</h1><p>{escape(str(exc))}</p>"


@app.route("/convert")
def convert():
    target = request.args.get("format", "pdf")
    try:
        if target not in ("pdf", "png"):
            raise ValueError(target)
        return "queued"
    except ValueError as err:
        # ruleid: python.subprocess-shell
        subprocess.run(f"logger unsupported format {err.args[0]}", shell=True)
        return "unsupported", 400


@app.route("/convert-fixed")
def convert_fixed():
    target = request.args.get("format", "pdf")
    try:
        if target not in ("pdf", "png"):
            raise ValueError(target)
        return "queued"
    except ValueError as err:
        # ok: python.subprocess-shell
        subprocess.run(f"logger unsupported format {shlex.quote(str(err))}", shell=True)
        return "unsupported", 400


@app.route("/next")
def next_page():
    target = request.args.get("next", "/")
    try:
        if not target.startswith("/"):
            raise ValueError(target)
    except ValueError as err:
        # ruleid: python.open-redirect
        return redirect(err.args[0])
    return redirect("/")


@app.route("/next-fixed")
def next_page_fixed():
    target = request.args.get("next", "/")
    try:
        if not target.startswith("/"):
            raise ValueError("/")
    except ValueError as err:
        # ok: python.open-redirect
        return redirect(err.args[0])
    return redirect("/")
