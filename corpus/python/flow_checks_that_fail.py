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
