"""A download's file name written into `Content-Disposition`: as typed, a quote in it adds
parameters; quoted by the framework or cut to safe characters, it stays a name."""
import re
from urllib.parse import quote

import falcon
from django.http import HttpResponse
from flask import Flask, make_response, request
from werkzeug.utils import secure_filename

app = Flask(__name__)


@app.get("/export")
def export():
    name = request.args.get("name", "report")
    resp = make_response("a,b\n1,2\n")
    # ruleid: python.content-disposition-injection
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return resp


@app.get("/export/safe")
def export_safe():
    name = secure_filename(request.args.get("name", "report"))
    resp = make_response("a,b\n1,2\n")
    # ok: python.content-disposition-injection
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return resp


def django_download(request):
    title = request.GET.get("title", "notes")
    response = HttpResponse(b"...", content_type="text/plain")
    # ruleid: python.content-disposition-injection
    response["Content-Disposition"] = 'attachment; filename="%s.txt"' % title
    return response


def django_download_quoted(request):
    title = request.GET.get("title", "notes")
    response = HttpResponse(b"...", content_type="text/plain")
    # ok: python.content-disposition-injection
    response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(title)
    return response


def django_download_cut(request):
    title = re.sub(r"[^\w.-]", "_", request.GET.get("title", "notes"))
    response = HttpResponse(b"...", content_type="text/plain")
    # ok: python.content-disposition-injection
    response["Content-Disposition"] = f'attachment; filename="{title}.txt"'
    # ok: python.content-disposition-injection
    response["X-Frame-Options"] = "DENY"
    return response


class ReportResource:
    def on_get(self, req, resp):
        label = req.get_param("label") or "report"
        resp.content_type = "text/csv"
        # ruleid: python.content-disposition-injection
        resp.set_header("Content-Disposition", f'attachment; filename="{label}.csv"')
        resp.text = "a,b\n"


application = falcon.App()
application.add_route("/reports", ReportResource())
