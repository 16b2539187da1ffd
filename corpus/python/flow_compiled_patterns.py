"""A compiled pattern anchored at the end checks the whole value with `match` (and with `search`
when anchored at both ends); one anchored only at the start checks a prefix. An upload's stream
is read, not opened by name."""
import re
import zipfile

from flask import Flask, abort, request

app = Flask(__name__)
REPORT_NAME = re.compile(r"^[a-z0-9_]{1,40}$")
REPORT_SEARCH = re.compile(r"^[a-z0-9_]{1,40}$")
REPORT_PREFIX = re.compile(r"^[a-z0-9_]+")


@app.route("/reports/<name>")
def report(name):
    if not REPORT_NAME.match(name):
        abort(400)
    # ok: python.path-traversal
    with open(f"/srv/reports/{name}.csv") as f:
        return f.read()


@app.route("/reports/search/<name>")
def report_search(name):
    if not REPORT_SEARCH.search(name):
        abort(400)
    # ok: python.path-traversal
    with open(f"/srv/reports/{name}.csv") as f:
        return f.read()


@app.route("/reports/prefix/<name>")
def report_prefix(name):
    if not REPORT_PREFIX.match(name):
        abort(400)
    # ruleid: python.path-traversal
    with open(f"/srv/reports/{name}.csv") as f:
        return f.read()


@app.post("/themes")
def import_theme():
    upload = request.files["theme"]
    # ok: python.path-traversal
    with zipfile.ZipFile(upload.stream) as archive:
        return {"files": len(archive.namelist())}
