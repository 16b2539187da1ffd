# Checks that look like protections and are not: how a shell command starts.
import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.post("/lint")
def lint():
    path = request.form["path"]
    if not path.startswith("src/"):
        return "only files under src/", 400
    # ruleid: python.subprocess-shell
    return subprocess.run(f"ruff check {path}", shell=True, capture_output=True).stdout


@app.post("/lint-quoted")
def lint_quoted():
    path = request.form["path"]
    if not path.startswith("src/"):
        return "only files under src/", 400
    # ok: python.subprocess-shell
    return subprocess.run(f"ruff check {shlex.quote(path)}", shell=True, capture_output=True).stdout


# Decoding after escaping or checking makes another text: `&lt;` is `<` again, `%2e%2e` is `..`.
import html
import os
from urllib.parse import unquote

DOCS = "/srv/docs"


@app.get("/preview")
def preview():
    shown = html.unescape(html.escape(request.args["text"]))
    # ruleid: python.xss
    return f"<p>{shown}</p>"


@app.get("/preview-escaped")
def preview_escaped():
    shown = html.escape(html.unescape(request.args["text"]))
    # ok: python.xss
    return f"<p>{shown}</p>"


def plain_segment(name):
    return ".." not in name and "/" not in name


@app.get("/doc")
def doc():
    raw = request.args["name"]
    if not plain_segment(raw):
        return "bad name", 400
    # ruleid: python.path-traversal
    return open(os.path.join(DOCS, unquote(raw))).read()


@app.get("/doc-decoded-first")
def doc_decoded_first():
    name = unquote(request.args["name"])
    if not plain_segment(name):
        return "bad name", 400
    # ok: python.path-traversal
    return open(os.path.join(DOCS, name)).read()


# A folder's start keeps nothing out of a shell command either: `/home/x; rm -rf ~` has it.
import asyncio


async def disk_usage(path):
    if not path.startswith("/home/"):
        return "only home directories"
    # ruleid: python.asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell(f"du -sh {path}", stdout=asyncio.subprocess.PIPE)
    return (await proc.communicate())[0]


async def disk_usage_quoted(path):
    if not path.startswith("/home/"):
        return "only home directories"
    # ok: python.asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell(f"du -sh {shlex.quote(path)}", stdout=asyncio.subprocess.PIPE)
    return (await proc.communicate())[0]


@app.post("/du")
async def du():
    return await disk_usage(request.form["path"]) + await disk_usage_quoted(request.form["path"])


# An HTML escape holds where the markup quotes the value: not in an unquoted attribute, where a
# space starts an attribute of the caller's (`x onerror=alert(1)`), nor bare in a script block.
@app.get("/avatar")
def avatar():
    name = html.escape(request.args["user"])
    # ruleid: python.xss
    return f"<img class=avatar src=/avatars/{name}.png>"


@app.get("/avatar-quoted")
def avatar_quoted():
    name = html.escape(request.args["user"])
    # ok: python.xss
    return f'<img class="avatar" src="/avatars/{name}.png">'


@app.get("/results")
def results():
    size = html.escape(request.args.get("size", "20"))
    # ruleid: python.xss
    return f"<div id=results></div><script>var pageSize = {size};</script>"


@app.get("/results-quoted")
def results_quoted():
    size = html.escape(request.args.get("size", "20"))
    # ok: python.xss
    return f"<div id=results></div><script>var pageSize = '{size}';</script>"
