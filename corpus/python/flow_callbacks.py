# Lambdas handed each element by map() and filter(): the element is as untrusted as the list.
import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
STATUS_PAGES = ["https://status.example.com/api", "https://status.example.org/api"]


@app.post("/links/check")
def check_links():
    links = request.json.get("links", [])
    # ruleid: python.ssrf
    codes = list(map(lambda link: requests.head(link, timeout=5).status_code, links))
    return jsonify(codes)


@app.post("/status/check")
def check_status():
    # ok: python.ssrf
    codes = list(map(lambda page: requests.head(page, timeout=5).status_code, STATUS_PAGES))
    return jsonify(codes)


@app.get("/reachable")
def reachable():
    hosts = request.args.getlist("host")
    # ruleid: python.ssrf
    alive = list(filter(lambda h: requests.get(f"http://{h}/ping", timeout=2).ok, hosts))
    return jsonify(alive)
