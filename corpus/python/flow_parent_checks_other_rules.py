"""A check for `..` keeps a path in its folder and vouches for nothing else: a URL without
`..` can still lead to another site, and a shell word without it can still run a command."""
import subprocess

import requests
from flask import Flask, abort, redirect, request

app = Flask(__name__)


@app.get("/continue")
def continue_to():
    target = request.args.get("next", "/")
    if ".." in target:
        abort(400)
    # ruleid: python.open-redirect
    return redirect(target)


@app.get("/continue/local")
def continue_local():
    target = request.args.get("next", "/")
    if ".." in target or not target.startswith("/") or target.startswith("//"):
        abort(400)
    # ok: python.open-redirect
    return redirect(target)


@app.get("/preview")
def preview():
    link = request.args["url"]
    if ".." not in link:
        # ruleid: python.ssrf
        return requests.get(link, timeout=5).text
    abort(400)


@app.get("/archive")
def archive():
    name = request.args["name"]
    if ".." in name:
        abort(400)
    # ruleid: python.subprocess-shell
    subprocess.run(f"tar czf /tmp/out.tgz {name}", shell=True, check=True)
    return "ok"
