"""Objects configured after they are built: a setter stores the request's value in
`self.<attr>`, and a later method uses it."""
import os
import subprocess

import requests
from flask import Flask, request

app = Flask(__name__)
REPORTS = "/srv/reports"


class Puller:
    def __init__(self):
        self.url = "https://status.example.com/health"

    def set_url(self, url):
        self.url = url

    def pull(self):
        # ruleid: python.ssrf
        return requests.get(self.url, timeout=5)


class ReportStore:
    def __init__(self, root):
        self.root = root
        self.filename = "index.json"

    def select(self, req):
        self.filename = req.form["template"]

    def load(self):
        # ruleid: python.path-traversal
        with open(os.path.join(self.root, self.filename)) as f:
            return f.read()


class Deployer:
    def __init__(self):
        self.tag = "latest"

    def use_tag(self, tag):
        self.tag = tag

    def deploy(self):
        # ruleid: python.subprocess-shell
        subprocess.run(f"docker pull registry.local/app:{self.tag}", shell=True, check=True)


class Counter:
    def __init__(self):
        self.url = "https://metrics.example.com/"

    def set_label(self, label):
        self.label = label

    def send(self):
        # ok: python.ssrf
        return requests.post(self.url, timeout=5)


@app.route("/pull")
def pull():
    puller = Puller()
    puller.set_url(request.args["u"])
    return puller.pull().text


@app.route("/pull-fixed")
def pull_fixed():
    puller = Puller()
    puller.set_url("https://status.example.com/ready")
    return puller.pull().text


@app.route("/report", methods=["POST"])
def report():
    store = ReportStore(REPORTS)
    store.select(request)
    return store.load()


@app.route("/deploy", methods=["POST"])
def deploy():
    deployer = Deployer()
    deployer.use_tag(request.form["tag"])
    deployer.deploy()
    return "ok"


@app.route("/count")
def count():
    counter = Counter()
    counter.set_label(request.args["label"])
    return counter.send().text


@app.route("/profile", methods=["PATCH"])
def patch_profile():
    user = current_user()
    data = request.get_json() or {}
    for key, value in data.items():
        # ruleid: python.mass-assignment
        setattr(user, key, value)
    for key, value in request.get_json().items():
        if hasattr(user, key):
            # ruleid: python.mass-assignment
            setattr(user, key, value)
    for key, value in request.get_json().items():
        if key in EDITABLE:
            # ok: python.mass-assignment
            setattr(user, key, value)
    for key, value in DEFAULTS.items():
        if not hasattr(user, key):
            # ok: python.mass-assignment
            setattr(user, key, value)
    return "", 204


EDITABLE = {"display_name", "bio"}
DEFAULTS = {"theme": "light"}


def current_user():
    return app.config["USER"]
