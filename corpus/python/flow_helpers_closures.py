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


# A check kept in a variable guards like the check itself.
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def after_login(request):
    target = request.GET.get("next", "/")
    is_safe = url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.get_host()})
    if not is_safe:
        target = "/"
    # ok: python.open-redirect
    return HttpResponseRedirect(target)


def after_logout(request):
    target = request.GET.get("next", "/")
    is_safe = target.endswith("/")
    if not is_safe:
        target = "/"
    # ruleid: python.open-redirect
    return HttpResponseRedirect(target)


def back_to_list(request):
    filters = request.GET.urlencode()
    # ok: python.open-redirect
    return HttpResponseRedirect(request.path + "?" + filters)


# A nested function that writes the enclosing function's variable (`nonlocal`, or appending to
# its list) leaves what it wrote there for the statements after it.
import subprocess


def build_and_run(request):
    cmd = "echo"
    args = []
    label = "report"

    def add_target():
        nonlocal cmd
        cmd = cmd + " " + request.args["target"]

    def add_flag():
        args.append(request.args["flag"])

    def rename():
        label = request.args["label"]
        return label

    add_target()
    add_flag()
    rename()
    # ruleid: python.subprocess-shell
    subprocess.call(cmd, shell=True)
    # ruleid: python.subprocess-shell
    subprocess.call("ls " + " ".join(args), shell=True)
    # ok: python.subprocess-shell
    subprocess.call("make " + label, shell=True)
