# Helpers that read the request themselves, and nested functions that use the view's values.
import os

import requests
from flask import Flask, request, send_file

app = Flask(__name__)
REPORTS = "/srv/reports"
DEFAULTS = {"feed": "https://feeds.example.com/main.xml"}


def arg(name):
    return request.args.get(name, "")


def default(name):
    return DEFAULTS[name]


@app.route("/feed")
def feed():
    url = arg("url")
    # ruleid: python.ssrf
    return requests.get(url, timeout=5).text


@app.route("/feed-default")
def feed_default():
    url = default("feed")
    # ok: python.ssrf
    return requests.get(url, timeout=5).text


@app.route("/report")
def report():
    name = request.args["name"]

    def stream():
        # ruleid: python.path-traversal
        with open(os.path.join(REPORTS, name)) as fh:
            yield from fh

    return app.response_class(stream())


@app.route("/report-safe")
def report_safe():
    name = os.path.basename(request.args["name"])

    def stream():
        # ok: python.path-traversal
        with open(os.path.join(REPORTS, name)) as fh:
            yield from fh

    return app.response_class(stream())
