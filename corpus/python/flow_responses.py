"""Responses that are HTML by default, uploads saved by name, typed route parameters and hash names
held in constants."""
import hashlib
import os

from aiohttp import web
from django.http import HttpResponse, JsonResponse
from django.utils.html import format_html
from fastapi import FastAPI
from flask import Flask, make_response, render_template, request
from sqlalchemy import text

from .models import Profile

app = Flask(__name__)
api = FastAPI()
UPLOADS = "/srv/uploads"
DIGEST = "md5"
STRONG = "sha256"


def search(request):
    q = request.GET.get("q", "")
    # ruleid: python.xss
    return HttpResponse("<p>Results for " + q + "</p>")


def search_json(request):
    q = request.GET.get("q", "")
    # ok: python.xss
    return HttpResponse('{"q": "<b>' + q + '</b>"}', content_type="application/json")


def badge(request):
    label = request.GET.get("label", "")
    # ok: python.xss
    return HttpResponse(format_html("<span class='badge'>{}</span>", label))


def profiles(request):
    where = request.POST["filter"]
    # ruleid: python.sql-string-formatting
    return JsonResponse({"n": Profile.objects.extra(where=[where]).count()})


def profiles_fixed(request):
    # ok: python.sql-string-formatting
    return JsonResponse({"n": Profile.objects.extra(where=["active = 1"]).count()})


def profiles_narrowed(request):
    term = request.GET.get("q", "")
    qs = Profile.objects.filter(active=True)
    if term:
        clause = "bio LIKE '%%" + term + "%%'"
        # ruleid: python.sql-string-formatting
        qs = qs.extra(where=[clause])
    # ok: python.sql-string-formatting
    qs = qs.extra(select={"is_recent": "created > now() - interval '1 day'"})
    return JsonResponse({"n": qs.count()})


@app.route("/banner")
def banner():
    msg = request.args.get("msg", "")
    # ruleid: python.xss
    return make_response(f"<div class='banner'>{msg}</div>")


@app.route("/banner-template")
def banner_template():
    msg = request.args.get("msg", "")
    # ok: python.xss
    return make_response(render_template("banner.html", msg=msg))


@app.route("/avatar", methods=["POST"])
def avatar():
    upload = request.files["avatar"]
    target = os.path.join(UPLOADS, upload.filename)
    # ruleid: python.path-traversal
    upload.save(target)
    return "ok"


@app.route("/avatar-named", methods=["POST"])
def avatar_named():
    upload = request.files["avatar"]
    # ok: python.path-traversal
    upload.save(os.path.join(UPLOADS, "avatar.png"))
    return "ok"


async def hello(request):
    name = request.query.get("name", "")
    # ruleid: python.xss
    return web.Response(text=f"<b>{name}</b>", content_type="text/html")


async def hello_text(request):
    name = request.query.get("name", "")
    # ok: python.xss
    return web.Response(text=f"<b>{name}</b>")


@api.get("/users/{user_id}")
def get_user(user_id: int, db):
    # ok: python.sql-string-formatting
    return db.execute(text(f"SELECT * FROM users WHERE id = {user_id}")).first()


@api.get("/users/by-name/{name}")
def get_user_by_name(name: str, db):
    # ruleid: python.sql-string-formatting
    return db.execute(text(f"SELECT * FROM users WHERE name = '{name}'")).first()


def fingerprint(data):
    # ruleid: python.weak-hash
    return hashlib.new(DIGEST, data).hexdigest()


def fingerprint_strong(data):
    # ok: python.weak-hash
    return hashlib.new(STRONG, data).hexdigest()


def fingerprint_chosen(data, algorithm):
    # ok: python.weak-hash
    return hashlib.new(algorithm, data).hexdigest()
