"""Request data handed on by a generator of this file, or to a helper passed by name to `map`
and a pool's `map`."""
import os
from concurrent.futures import ThreadPoolExecutor

import requests
from flask import Flask, request

app = Flask(__name__)
BASE = "/srv/files"
pool = ThreadPoolExecutor(max_workers=4)


def iter_paths(names):
    for name in names:
        yield os.path.join(BASE, name)


def iter_fixed():
    yield os.path.join(BASE, "index.txt")


def check(url):
    # ruleid: python.ssrf
    return requests.head(url, timeout=3).status_code


def ping(url):
    # ruleid: python.ssrf
    return requests.get(url, timeout=3).ok


def size(path):
    return os.path.getsize(path)


@app.route("/concat")
def concat():
    out = []
    for path in iter_paths(request.args.getlist("name")):
        # ruleid: python.path-traversal
        with open(path) as f:
            out.append(f.read())
    for path in iter_fixed():
        # ok: python.path-traversal
        with open(path) as f:
            out.append(f.read())
    return "".join(out)


@app.route("/check", methods=["POST"])
def check_all():
    return {"codes": list(map(check, request.form.getlist("url")))}


@app.route("/ping", methods=["POST"])
def ping_all():
    return {"up": list(pool.map(ping, request.json["urls"]))}


@app.route("/sizes")
def sizes():
    return {"sizes": list(map(size, ["a.txt", "b.txt"]))}
