# Handlers that keep request data on `self` in one method and use it in another: Django's
# `setup` / `dispatch`, Tornado's `prepare`, DRF's `initial`.
import os
import subprocess

import requests
from django.views import View
from tornado.web import RequestHandler

MIRRORS = {"pypi": "https://pypi.example.org/simple/", "npm": "https://npm.example.org/"}
BUILDS = "/srv/builds"


class MirrorStatus(View):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.index_url = request.GET.get("index")

    def get(self, request):
        # ruleid: python.ssrf
        return requests.get(self.index_url, timeout=3).status_code


class KnownMirrorStatus(View):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.index_url = MIRRORS["pypi"]

    def get(self, request):
        # ok: python.ssrf
        return requests.get(self.index_url, timeout=3).status_code


class BuildLog(RequestHandler):
    def prepare(self):
        self.build = self.get_query_argument("build")

    def get(self):
        # ruleid: python.path-traversal
        with open(os.path.join(BUILDS, self.build, "log.txt")) as fh:
            self.write(fh.read())


class LatestBuildLog(RequestHandler):
    def prepare(self):
        self.build = "latest"

    def get(self):
        # ok: python.path-traversal
        with open(os.path.join(BUILDS, self.build, "log.txt")) as fh:
            self.write(fh.read())


class Deploy(RequestHandler):
    def initialize(self, script):
        self.script = script

    def prepare(self):
        self.branch = self.get_body_argument("branch")

    def post(self):
        # ruleid: python.subprocess-shell
        subprocess.run(f"{self.script} --branch {self.branch}", shell=True, check=True)


class NightlyDeploy(RequestHandler):
    def prepare(self):
        self.requested_by = self.get_body_argument("user")
        self.branch = "main"

    def post(self):
        # ok: python.subprocess-shell
        subprocess.run(f"./deploy.sh --branch {self.branch}", shell=True, check=True)


class ExportQueue:
    """Jobs a route queues through a method and a worker takes off later."""

    def __init__(self):
        self.pending = []
        self.done = []

    def enqueue(self, notify_url):
        self.pending.append(notify_url)
        self.done.append("queued")

    def drain(self):
        while self.pending:
            # ruleid: python.ssrf
            requests.post(self.pending.pop(0), json={"status": "done"}, timeout=5)
        # ok: python.path-traversal
        open(os.path.join(BUILDS, self.done[-1]), "a").close()


EXPORTS = ExportQueue()


class ExportView(View):
    def post(self, request):
        EXPORTS.enqueue(request.POST["notify_url"])
        return None
