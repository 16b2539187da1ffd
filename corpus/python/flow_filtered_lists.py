# Lists filtered by a check on each element: only what the check lets through is kept.
import os
import re

from flask import Flask, request

app = Flask(__name__)


@app.get("/du")
def disk_usage():
    users = filter(lambda u: len(u) > 0, request.args.getlist("user"))
    # ruleid: python.os-system
    os.system("du -sh " + " ".join("/home/" + u for u in users))


@app.get("/du-checked")
def disk_usage_checked():
    users = filter(lambda u: re.fullmatch(r"[a-z][a-z0-9_-]*", u), request.args.getlist("user"))
    # ok: python.os-system
    os.system("du -sh " + " ".join("/home/" + u for u in users))


@app.get("/du-names")
def disk_usage_names():
    users = filter(lambda u: u.isalnum(), request.args.getlist("user"))
    # ok: python.os-system
    os.system("du -sh " + " ".join("/home/" + u for u in users))
