"""File downloads and uploads where the path may come from the caller."""
import os
import shutil
from pathlib import Path

import aiofiles
from flask import Flask, abort, request, send_file
from werkzeug.utils import secure_filename

app = Flask(__name__)
UPLOADS = "/srv/uploads"
BASE = Path(UPLOADS).resolve()


def read_upload(name):
    # ruleid: python.path-traversal
    with open(os.path.join(UPLOADS, name)) as fh:
        return fh.read()


def read_default(name):
    # ok: python.path-traversal
    with open(os.path.join(UPLOADS, "default.txt")) as fh:
        return fh.read() + name


@app.route("/download")
def download():
    name = request.args["name"]
    # ruleid: python.path-traversal
    return send_file(os.path.join(UPLOADS, name))


@app.route("/download-safe")
def download_safe():
    name = secure_filename(request.args["name"])
    # ok: python.path-traversal
    return send_file(os.path.join(UPLOADS, name))


@app.route("/download-base")
def download_base():
    name = os.path.basename(request.args["name"])
    # ok: python.path-traversal
    return send_file(os.path.join(UPLOADS, name))


@app.route("/view")
def view():
    requested = request.args.get("file", "")
    relative = requested.lstrip("/")
    full = os.path.join(UPLOADS, relative)
    # ruleid: python.path-traversal
    return open(full).read()


@app.route("/view-checked")
def view_checked():
    target = (BASE / request.args["file"]).resolve()
    if not target.is_relative_to(BASE):
        abort(404)
    # ok: python.path-traversal
    return target.read_text()


@app.route("/view-unchecked")
def view_unchecked():
    target = BASE / request.args["file"]
    # ruleid: python.path-traversal
    return target.read_text()


@app.route("/via-helper")
def via_helper():
    return read_upload(request.args["name"])


@app.route("/via-fixed-helper")
def via_fixed_helper():
    return read_default(request.args["name"])


@app.delete("/files/{name}")
async def delete_file(name: str):
    # ruleid: python.path-traversal
    os.remove(os.path.join(UPLOADS, name))


@app.delete("/files/by-id/{file_id}")
async def delete_by_id(file_id: int):
    # ok: python.path-traversal
    os.remove(os.path.join(UPLOADS, f"{file_id}.bin"))


@app.post("/save")
async def save(request):
    form = await request.post()
    async with aiofiles.open(os.path.join(UPLOADS, "last.txt"), "w") as out:
        # ok: python.path-traversal
        await out.write(form["body"])
    # ruleid: python.path-traversal
    async with aiofiles.open(os.path.join(UPLOADS, form["name"]), "w") as out:
        await out.write(form["body"])


def archive(paths):
    # ok: python.path-traversal
    shutil.copy(paths[0], "/var/backups/latest")


def main():
    import argparse
    import re
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("-x", "--exclude", help="skip lines matching this regular expression")
    args = parser.parse_args()
    # A command-line tool opens the file its user names and takes the regex they typed.
    # ok: python.path-traversal
    with open(args.file) as fh:
        # ok: python.regex-injection
        skip = re.compile(args.exclude or "^$")
        lines = [line for line in fh if not skip.search(line)]
    # ok: python.path-traversal
    Path(sys.argv[2]).write_text("".join(lines))
    name = input("save a copy as: ")
    # ok: python.path-traversal
    shutil.copy(args.file, name)
