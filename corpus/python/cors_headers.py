# CORS headers written by hand in Flask and Django.
from flask import Flask, make_response, request
from django.http import JsonResponse

app = Flask(__name__)
ALLOWED_ORIGINS = {"https://app.example.com"}


@app.after_request
def add_cors(resp):
    # ruleid: python.cors-reflect-origin
    resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin", "*")
    resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp


@app.route("/api/profile")
def profile():
    resp = make_response({"name": "ada"})
    origin = request.headers.get("Origin")
    # ruleid: python.cors-reflect-origin
    resp.headers["Access-Control-Allow-Origin"] = origin
    return resp


@app.route("/api/checked")
def checked():
    resp = make_response({"name": "ada"})
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        # ok: python.cors-reflect-origin
        resp.headers["Access-Control-Allow-Origin"] = origin
    return resp


@app.route("/api/public")
def public():
    resp = make_response({"status": "ok"})
    # ok: python.cors-reflect-origin
    resp.headers["Access-Control-Allow-Origin"] = "https://app.example.com"
    return resp


def django_profile(request):
    response = JsonResponse({"name": "ada"})
    # ruleid: python.cors-reflect-origin
    response["Access-Control-Allow-Origin"] = request.META.get("HTTP_ORIGIN", "")
    return response
