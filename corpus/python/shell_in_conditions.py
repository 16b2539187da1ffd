"""Shell commands built from the program's own values: run inside a condition, or naming a temp file."""
import os
import subprocess
import tempfile

import requests

from flask import Flask, request

app = Flask(__name__)


def find_editor():
    for editor in "sensible-editor", "vim", "nano":
        # ok: python.os-system
        if os.system(f"which {editor} >/dev/null 2>&1") == 0:
            return editor
    return "vi"


def has_pager():
    pager = "less"
    # ok: python.os-system
    return not os.system(f"({pager}) 2>/dev/null")


@app.route("/tools/check")
def tool_installed():
    tool = request.args.get("tool", "git")
    # ruleid: python.os-system
    if os.system(f"which {tool} >/dev/null 2>&1") == 0:
        return {"installed": True}
    return {"installed": False}


@app.route("/tools/version")
def tool_version():
    tool = request.args.get("tool", "git")
    # ruleid: python.subprocess-shell
    if subprocess.call(f"{tool} --version", shell=True) != 0:
        return {"ok": False}, 500
    return {"ok": True}


@app.route("/tools/version-safe")
def tool_version_listed():
    tool = request.args.get("tool", "git")
    if tool not in ("git", "hg", "svn"):
        return {"ok": False}, 400
    # ok: python.subprocess-shell
    if subprocess.call(f"{tool} --version", shell=True) != 0:
        return {"ok": False}, 500
    return {"ok": True}


@app.route("/hooks/ping")
def ping_hook():
    target = request.args["url"]
    # ruleid: python.ssrf
    if requests.head(target, timeout=5).status_code == 200:
        return {"reachable": True}
    return {"reachable": False}


@app.route("/hooks/ping-fixed")
def ping_status_page():
    target = "https://status.example.com/health"
    # ok: python.ssrf
    if requests.head(target, timeout=5).status_code == 200:
        return {"reachable": True}
    return {"reachable": False}


def page_report(text):
    fd, path = tempfile.mkstemp(suffix=".txt")
    with os.fdopen(fd, "w") as out:
        out.write(text)
    # ok: python.os-system
    os.system(f'less "{path}"')


@app.route("/reports/preview")
def preview_report():
    fd, path = tempfile.mkstemp(suffix=request.args.get("ext", ".txt"))
    os.close(fd)
    # ruleid: python.os-system
    os.system(f'lpr "{path}"')
    return {"queued": True}
