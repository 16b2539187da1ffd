"""Django views receive the URL's captured parts as keyword arguments (`path("<str:slug>/", ...)`)."""
import os
import subprocess

import requests
from django.db import connection
from django.http import FileResponse, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils._os import safe_join
from django.utils.safestring import mark_safe
from django.views import View

from .models import Article

EXPORTS = "/srv/exports"


def export_file(request, filename):
    # ruleid: python.path-traversal
    return FileResponse(open(os.path.join(EXPORTS, filename), "rb"))


def export_file_joined(request, filename):
    # ok: python.path-traversal
    return FileResponse(open(safe_join(EXPORTS, filename), "rb"))


def export_page(request, page=1):
    # ok: python.path-traversal
    return FileResponse(open(os.path.join(EXPORTS, "page-%s.csv" % page), "rb"))


def article(request, slug):
    with connection.cursor() as cursor:
        # ruleid: python.sql-string-formatting
        cursor.execute(f"SELECT body FROM articles WHERE slug = '{slug}'")
        row = cursor.fetchone()
    return HttpResponse(row[0], content_type="text/plain")


def article_title(request, slug):
    # ruleid: python.markup-unescaped-format
    return HttpResponse(mark_safe("<h1>" + slug + "</h1>"))


def article_page(request, slug):
    entry = get_object_or_404(Article, slug=slug)
    return render_entry(request, entry)


def render_entry(request, entry):
    # ok: python.xss
    entry.summary = mark_safe(entry.summary)
    return render(request, "article.html", {"entry": entry})


def jump(request, target):
    # ruleid: python.open-redirect
    return HttpResponseRedirect(target)


class MirrorView(View):
    def get(self, request, host):
        # ruleid: python.ssrf
        return HttpResponse(requests.get("http://" + host + "/status", timeout=5).text)


class PingView(View):
    def get(self, request, host):
        # ruleid: python.subprocess-shell
        out = subprocess.run("ping -c 1 " + host, shell=True, capture_output=True)
        return HttpResponse(out.stdout, content_type="text/plain")


class ReportView(View):
    def get(self, request, name, fmt="pdf"):
        # ok: python.ssrf
        data = requests.get(f"https://reports.internal.example/{name}.{fmt}", timeout=5)
        return HttpResponse(data.content, content_type="application/pdf")
