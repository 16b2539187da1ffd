"""A file picked by name from the listing of a directory the program fixes: the request chooses
an entry, whose path the program's own listing made; the name joined to the root is the
request's path."""
import os
from pathlib import Path

from flask import Flask, abort, request, send_file

app = Flask(__name__)
ASSET_ROOT = Path(__file__).resolve().parent / "static"
DOCS = os.path.join(os.path.dirname(__file__), "docs")


@app.route("/assets/<name>")
def asset(name):
    candidates = {p.name: p for p in ASSET_ROOT.glob("*") if p.is_file()}
    path = candidates.get(name)
    if path is None:
        abort(404)
    # ok: python.path-traversal
    return send_file(path)


@app.route("/docs")
def doc():
    listed = {entry: os.path.join(DOCS, entry) for entry in os.listdir(DOCS)}
    chosen = listed.get(request.args["page"])
    if chosen is None:
        abort(404)
    # ok: python.path-traversal
    with open(chosen) as handle:
        return handle.read()


@app.route("/raw/<name>")
def raw(name):
    # ruleid: python.path-traversal
    return send_file(ASSET_ROOT / name)


@app.route("/listing")
def listing():
    folder = request.args["folder"]
    # ruleid: python.path-traversal
    entries = {entry: os.path.join(folder, entry) for entry in os.listdir(folder)}
    picked = entries.get(request.args["page"])
    # ruleid: python.path-traversal
    with open(picked) as handle:
        return handle.read()
