"""Health probes, note storage and report templates: lower-level sinks and other frameworks."""
import codecs
import glob
import http.client
import os
import shelve
import socket
import sqlite3

import falcon
import requests
from django.db import connection
from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.template import Context, Template
from flask import Flask, request
from django.views import View
from pyramid.view import view_config

app = Flask(__name__)
NOTES = "/srv/notes"
HEALTH_HOST = "status.internal.example.com"
HEALTH = {"billing": "https://billing.internal/health", "auth": "https://auth.internal/health"}


@app.route("/probe")
def probe():
    host = request.args["host"]
    # ruleid: python.ssrf
    sock = socket.create_connection((host, 443), timeout=3)
    sock.close()
    # ok: python.ssrf
    socket.create_connection((HEALTH_HOST, 443), timeout=3).close()
    return "open"


@app.route("/health")
def health():
    service = request.args.get("service", "auth")
    # ok: python.ssrf
    status = requests.get(HEALTH.get(service, HEALTH["auth"]), timeout=5)
    # ruleid: python.ssrf
    fallback = requests.get(HEALTH.get(service, request.args["fallback"]), timeout=5)
    return str(status.status_code + fallback.status_code)


@app.route("/status")
def status():
    backend = request.cookies.get("backend", "")
    # ruleid: python.ssrf
    conn = http.client.HTTPSConnection(backend, timeout=5)
    conn.request("GET", "/health")
    # ok: python.ssrf
    fixed = http.client.HTTPSConnection(HEALTH_HOST, timeout=5)
    return str(conn.getresponse().status) + str(fixed)


@app.route("/hooks/delete", methods=["POST"])
def delete_hook():
    session = requests.Session()
    # ruleid: python.ssrf
    session.delete(request.form["hook_url"], timeout=5)
    return "deleted"


@app.route("/cache/delete", methods=["POST"])
def delete_cache():
    # ok: python.ssrf
    cache_client.delete(request.form["key"])
    return "deleted"


@app.route("/notes/save", methods=["POST"])
def save_note():
    name = request.form["name"]
    # ruleid: python.path-traversal
    with codecs.open(os.path.join(NOTES, name), "w", "utf-8") as fh:
        fh.write(request.form["body"])
    # ok: python.path-traversal
    with codecs.open(os.path.join(NOTES, os.path.basename(name)), "w", "utf-8") as fh:
        fh.write(request.form["body"])
    return "saved"


@app.route("/notes/list")
def list_notes():
    folder = request.args.get("folder", "")
    # ruleid: python.path-traversal
    found = glob.glob(NOTES + "/" + folder + "/*.txt")
    # ok: python.path-traversal
    everything = glob.glob(NOTES + "/*/*.txt")
    return {"files": found, "all": everything}


@app.route("/notes/rename", methods=["POST"])
def rename_note():
    old = os.path.join(NOTES, os.path.basename(request.form["old"]))
    # ruleid: python.path-traversal
    os.rename(old, os.path.join(NOTES, request.form["new"]))
    return "renamed"


@app.route("/prefs")
def prefs():
    user = request.args["user"]
    # ruleid: python.path-traversal, python.shelve-open
    with shelve.open("/var/app/prefs/" + user) as db:
        return dict(db)


@app.route("/tenant-db")
def tenant_db():
    tenant = request.headers.get("X-Tenant", "public")
    # ruleid: python.path-traversal
    db = sqlite3.connect(f"/var/app/tenants/{tenant}.db")
    # ok: python.path-traversal
    shared = sqlite3.connect("/var/app/shared.db")
    return str(db.total_changes + shared.total_changes)


def search_path(request):
    tenant = request.META.get("HTTP_X_TENANT", "public")
    with connection.cursor() as cur:
        # ruleid: python.sql-string-formatting
        cur.execute("SET search_path TO " + tenant)
    return HttpResponse("ok")


def back(request):
    # ruleid: python.open-redirect
    return HttpResponseRedirect(request.META.get("HTTP_REFERER", "/"))


def to_login(request):
    args = request.META.get("QUERY_STRING", "")
    # ok: python.open-redirect
    return HttpResponseRedirect("%s?%s" % (settings.LOGIN_URL, args))


def by_number(request):
    number = int(request.GET["n"])
    with connection.cursor() as cur:
        # ok: python.sql-string-formatting
        cur.execute("SELECT title FROM items WHERE id = " + str(number))
        return HttpResponse(str(cur.fetchone()))


def render_snippet(request):
    source = request.POST["template"]
    # ruleid: python.template-injection
    template = Template(source)
    # ok: python.template-injection
    fixed = Template("<p>{{ name }}</p>")
    return HttpResponse(template.render(Context({})) + fixed.render(Context({"name": source})))


@view_config(route_name="item", renderer="json")
def pyramid_item(request):
    item = request.matchdict["item"]
    # ruleid: python.path-traversal
    return open(os.path.join("/srv/items", item)).read()


class DocumentView(View):
    def get(self, request, *args, **kwargs):
        name = self.kwargs["name"]
        # ruleid: python.path-traversal
        with open(os.path.join("/srv/docs", name)) as fh:
            return HttpResponse(fh.read(), content_type="text/plain")


class DocumentSafeView(View):
    def get(self, request, *args, **kwargs):
        name = os.path.basename(self.kwargs["name"])
        # ok: python.path-traversal
        with open(os.path.join("/srv/docs", name)) as fh:
            return HttpResponse(fh.read(), content_type="text/plain")


class ExportResource:
    def on_get(self, req, resp):
        path = req.get_param("path")
        # ruleid: python.path-traversal
        with open(os.path.join("/srv/exports", path), "rb") as fh:
            resp.data = fh.read()


cache_client = None
