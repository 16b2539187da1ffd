"""Django views: request values pass through helpers, several assignments and aliased imports
before they reach markup, a redirect, a file or a raw query."""
import os.path
from html import escape as html_escape
from urllib.request import urlopen

from django.db import connection
from django.http import FileResponse as SendFile, HttpResponse
from django.shortcuts import redirect as go
from django.utils.http import url_has_allowed_host_and_scheme as is_safe_url
from django.utils.safestring import mark_safe as trusted

MEDIA = "/srv/media"


def badge(label):
    return "<span class='badge'>" + label + "</span>"


def profile(request):
    name = request.GET.get("name", "")
    # ruleid: python.xss
    return HttpResponse(trusted(badge(name)))


def profile_escaped(request):
    name = html_escape(request.GET.get("name", ""))
    # ok: python.xss
    return HttpResponse(trusted(badge(name)))


def notice(request):
    first = request.POST["notice"]
    second = first.strip()
    third = "<p>" + second + "</p>"
    # ruleid: python.xss
    return HttpResponse(trusted(third))


def notice_fixed(request):
    first = "Maintenance on Sunday"
    second = first.strip()
    third = "<p>" + second + "</p>"
    # ok: python.xss
    return HttpResponse(trusted(third) + request.POST.get("x", "")[:0])


def after_login(request):
    target = request.GET.get("next", "/")
    # ruleid: python.open-redirect
    return go(target)


def after_login_checked(request):
    target = request.GET.get("next", "/")
    if not is_safe_url(target, allowed_hosts={request.get_host()}):
        target = "/"
    # ok: python.open-redirect
    return go(target)


def download(request):
    first = request.GET["file"]
    second = os.path.join(MEDIA, first)
    third = second
    # ruleid: python.path-traversal
    return SendFile(open(third, "rb"))


def download_named(request):
    first = os.path.basename(request.GET["file"])
    second = os.path.join(MEDIA, first)
    third = second
    # ok: python.path-traversal
    return SendFile(open(third, "rb"))


def search(request):
    term = request.GET["q"]
    with connection.cursor() as cursor:
        # ruleid: python.sql-string-formatting
        cursor.execute("SELECT id FROM items WHERE name = '%s'" % term)
        return HttpResponse(str(cursor.fetchall()))


def search_bound(request):
    term = request.GET["q"]
    with connection.cursor() as cursor:
        # ok: python.sql-string-formatting
        cursor.execute("SELECT id FROM items WHERE name = %s", [term])
        return HttpResponse(str(cursor.fetchall()))


def ping(request):
    host = request.GET["host"]
    command = "ping -c 1 " + host
    return HttpResponse(str(run_command(command)))


def ping_gateway(request):
    host = "10.0.0.1"
    command = "ping -c 1 " + host
    # ok: python.os-system
    return HttpResponse(str(os.system(command)) + request.GET.get("x", "")[:0])


def run_command(command):
    # ruleid: python.os-system
    return os.system(command)


def calculate(request):
    first = request.POST["expression"]
    second = first.replace(" ", "")
    third = second
    # ruleid: python.eval-exec
    return HttpResponse(str(eval(third)))


def calculate_fixed(request):
    first = "6*7"
    second = first
    third = second
    # ok: python.eval-exec
    return HttpResponse(str(eval(third)) + request.POST.get("x", "")[:0])


def fetch_avatar(request):
    first = request.GET["avatar"]
    second = first
    third = second
    return HttpResponse(fetch(third).read())


def fetch_default_avatar(request):
    third = "https://cdn.example.com/avatars/default.png"
    # ok: python.ssrf
    return HttpResponse(urlopen(third, timeout=5).read() + request.GET.get("x", "").encode()[:0])


def fetch(url):
    # ruleid: python.ssrf
    return urlopen(url, timeout=5)


def show_query(request):
    first = request.GET["q"]
    # ruleid: python.xss
    return HttpResponse(trusted(f"<b>{first}</b>"))


def show_query_escaped(request):
    first = html_escape(request.GET["q"])
    # ok: python.xss
    return HttpResponse(trusted(f"<b>{first}</b>"))
