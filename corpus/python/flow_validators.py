"""Validators: functions of the module that return a check of their parameter, called as guards."""
import re
import subprocess
from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)
REPORT_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
WEBHOOK_HOSTS = {"hooks.example.com", "ci.example.com"}


def is_report_name(name):
    """Whether `name` is a plain report name."""
    return REPORT_NAME.fullmatch(name) is not None


def is_plain_word(value: str) -> bool:
    return bool(re.match(r"^[a-z]+$", value))


def is_webhook(url):
    return urlparse(url).hostname in WEBHOOK_HOSTS


def is_short(name):
    # A length says nothing of what the name holds.
    return len(name) < 80


@app.route("/reports")
def report():
    name = request.args.get("name", "")
    if not is_report_name(name):
        abort(400)
    # ok: python.path-traversal
    return open(f"/srv/reports/{name}.csv").read()


@app.route("/reports/keyword")
def report_by_keyword():
    name = request.args.get("name", "")
    if not is_report_name(name=name):
        abort(400)
    # ok: python.path-traversal
    return open("/srv/reports/" + name).read()


@app.route("/reports/short")
def report_short():
    name = request.args.get("name", "")
    if not is_short(name):
        abort(400)
    # ruleid: python.path-traversal
    return open("/srv/reports/" + name).read()


@app.route("/reports/unchecked")
def report_unchecked():
    name = request.args.get("name", "")
    is_report_name(name)
    # ruleid: python.path-traversal
    return open("/srv/reports/" + name).read()


@app.route("/reports/wrong-branch")
def report_wrong_branch():
    name = request.args.get("name", "")
    if is_report_name(name):
        abort(400)
    # ruleid: python.path-traversal
    return open("/srv/reports/" + name).read()


@app.route("/hooks", methods=["POST"])
def hook():
    target = request.form["url"]
    if not is_webhook(target):
        abort(403)
    # ok: python.ssrf
    return requests.post(target, json={"ping": True}, timeout=5).text


@app.route("/hooks/any", methods=["POST"])
def hook_any():
    target = request.form["url"]
    if not is_short(target):
        abort(403)
    # ruleid: python.ssrf
    return requests.post(target, json={"ping": True}, timeout=5).text


@app.route("/lookup")
def lookup():
    word = request.args.get("q", "")
    if is_plain_word(word):
        # ok: python.subprocess-shell
        return subprocess.run(f"grep -w {word} /usr/share/dict/words", shell=True, capture_output=True).stdout
    abort(400)


def is_member_name(name):
    if ".." in name or name.startswith("/"):
        return False
    if "\x00" in name:
        return False
    return True


def is_not_absolute(name):
    # `..` still climbs.
    if name.startswith("/"):
        return False
    return True


@app.route("/members")
def member():
    name = request.args.get("name", "")
    if not is_member_name(name):
        abort(400)
    # ok: python.path-traversal
    return open("/srv/members/" + name).read()


@app.route("/members/relative")
def member_relative():
    name = request.args.get("name", "")
    if not is_not_absolute(name):
        abort(400)
    # ruleid: python.path-traversal
    return open("/srv/members/" + name).read()


BLOCKED_PARTS = ("..", "~", "\\")


def is_plain_member(name: str) -> bool:
    for part in BLOCKED_PARTS:
        if part in name:
            return False
    return REPORT_NAME.fullmatch(name) is not None


def is_plain_mirror(name: str) -> bool:
    for name in BLOCKED_PARTS:
        if name.startswith("."):
            return False
    return REPORT_NAME.fullmatch(name) is not None


@app.route("/members/plain")
def member_plain():
    name = request.args.get("name", "")
    if not is_plain_member(name):
        abort(400)
    # ok: python.path-traversal
    return open("/srv/members/" + name).read()


@app.route("/mirrors/plain")
def mirror_plain():
    name = request.args.get("name", "")
    if not is_plain_mirror(name):
        abort(400)
    # ruleid: python.path-traversal
    return open("/srv/mirrors/" + name).read()


LISTED_REPORTS = {"daily": "daily-summary", "weekly": "weekly-summary"}


def is_listed_report(name: str) -> bool:
    name = LISTED_REPORTS.get(name, "daily-summary")
    return REPORT_NAME.fullmatch(name) is not None


@app.route("/reports/listed")
def listed_report():
    name = request.args.get("name", "")
    if not is_listed_report(name):
        abort(400)
    # ruleid: python.path-traversal
    return open("/srv/reports/" + name).read()
