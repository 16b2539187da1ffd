"""A `..` check keeps a name inside its root when the name is added as text; `os.path.join` and
pathlib's `/` start again at an absolute name (`/etc/passwd`), which the check lets through."""
import os
from pathlib import Path

from flask import Flask, abort, request, send_file

app = Flask(__name__)
ROOT = "/srv/files"
BASE = Path("/srv/files")


@app.get("/joined")
def joined():
    name = request.args["name"]
    if ".." in name:
        abort(400)
    # ruleid: python.path-traversal
    return send_file(os.path.join(ROOT, name))


@app.get("/joined/relative")
def joined_relative():
    name = request.args["name"]
    if ".." in name or name.startswith("/"):
        abort(400)
    # ok: python.path-traversal
    return send_file(os.path.join(ROOT, name))


@app.get("/appended")
def appended():
    name = request.args["name"]
    if ".." in name:
        abort(400)
    # ok: python.path-traversal
    return send_file(ROOT + "/" + name)


@app.get("/divided")
def divided():
    name = request.args["name"]
    if ".." in name:
        abort(400)
    # ruleid: python.path-traversal
    return send_file(BASE / name)


@app.get("/divided/relative")
def divided_relative():
    name = request.args["name"]
    if ".." in name or os.path.isabs(name):
        abort(400)
    # ok: python.path-traversal
    return send_file(BASE / name)
