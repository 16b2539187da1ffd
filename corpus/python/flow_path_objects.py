"""pathlib's `open()` opens the path it is called on; a ZipFile's `open()` opens a member."""
import zipfile
from pathlib import Path

from flask import Flask, request

app = Flask(__name__)
EXPORTS = Path("/srv/exports")


@app.get("/exports/<name>")
def export_file(name):
    target = EXPORTS / name
    # ruleid: python.path-traversal
    with target.open("rb") as fh:
        return fh.read()


@app.get("/exports/<name>/safe")
def export_file_safe(name):
    target = EXPORTS / Path(name).name
    # ok: python.path-traversal
    with target.open("rb") as fh:
        return fh.read()


@app.post("/logs")
def append_log():
    # ruleid: python.path-traversal
    with (EXPORTS / request.form["log"]).open("a") as fh:
        fh.write(request.form["line"])
    return "ok"


@app.get("/bundle/member")
def bundle_member():
    member = request.args["member"]
    with zipfile.ZipFile("/srv/bundles/base.zip") as bundle:
        # ok: python.path-traversal
        with bundle.open(member) as fh:
            return fh.read()
