"""A developer tool and a CGI script: what the environment and the command line are.

The environment is the operator's configuration: whoever sets it already picks the code the
process runs (PATH, PYTHONPATH, PYTHONSTARTUP), so running $PAGER through a shell or executing
$PYTHONSTARTUP is not an injection. A CGI server is the exception: it writes the request into
the environment. The command line is its user's own: a request to the URL it names is not SSRF.
"""
import os
import shlex
import subprocess
import sys

import requests
from flask import Flask, request

app = Flask(__name__)


def page(text):
    pager = os.environ.get("PAGER", "less -R")
    # ok: python.subprocess-shell
    subprocess.run(pager, shell=True, input=text, text=True)


@app.post("/page")
def page_for_caller():
    pager = request.args.get("pager", "less -R")
    # ruleid: python.subprocess-shell
    subprocess.run(pager, shell=True, input="", text=True)


def edit(path):
    editor = os.environ["EDITOR"]
    # ok: python.os-system
    os.system(f"{editor} {shlex.quote(path)}")


def cgi_edit(path):
    editor = os.environ["HTTP_X_EDITOR"]
    # ruleid: python.os-system
    os.system(f"{editor} {shlex.quote(path)}")


def run_startup(namespace):
    startup = os.getenv("PYTHONSTARTUP")
    if startup and os.path.isfile(startup):
        with open(startup) as f:
            # ok: python.eval-exec
            exec(compile(f.read(), startup, "exec"), namespace)


@app.post("/startup")
def run_uploaded_startup():
    startup = request.form["startup"]
    # ruleid: python.path-traversal
    with open(startup) as f:
        # ruleid: python.eval-exec
        # ok: python.exec-file-contents
        exec(compile(f.read(), startup, "exec"), {})


class Settings(dict):
    def from_pyfile(self, root, filename):
        path = os.path.join(root, filename)
        namespace = {}
        with open(path, "rb") as config_file:
            # Loading a settings module the application names, like an import: a review
            # prompt, not code injection.
            # ok: python.eval-exec
            # ruleid: python.exec-file-contents
            exec(compile(config_file.read(), path, "exec"), namespace)
        self.update(namespace)

    def from_text(self, source):
        namespace = {}
        # ruleid: python.eval-exec
        exec(compile(source, "<settings>", "exec"), namespace)
        self.update(namespace)


def fetch_configured():
    # ok: python.ssrf
    return requests.get(os.environ["STATUS_URL"], timeout=5).text


def cgi_fetch():
    # ruleid: python.ssrf
    return requests.get(os.environ.get("QUERY_STRING"), timeout=5).text


def cli_fetch():
    # ok: python.ssrf
    return requests.get(sys.argv[1], timeout=5).text


@app.get("/fetch")
def web_fetch():
    # ruleid: python.ssrf
    return requests.get(request.args["u"], timeout=5).text
