"""A value compared equal to a constant is that constant where the comparison holds; a URL whose
parsed host equals the one allowed host is sent only there."""
import subprocess
from urllib.parse import urlsplit

import requests
from flask import Flask, abort, request

app = Flask(__name__)


@app.post("/webhooks/test")
def test_webhook():
    target = request.json["target"]
    if urlsplit(target).hostname != "hooks.partner.example":
        abort(400)
    # ok: python.ssrf
    return requests.post(target, json={"ping": True}, timeout=5).text


@app.post("/webhooks/test-suffix")
def test_webhook_suffix():
    target = request.json["target"]
    if not urlsplit(target).hostname.endswith("partner.example"):
        abort(400)
    # ruleid: python.ssrf
    return requests.post(target, json={"ping": True}, timeout=5).text


@app.get("/convert")
def convert():
    fmt = request.args.get("fmt", "png")
    if fmt == "webp":
        # ok: python.subprocess-shell
        subprocess.run(f"cwebp /srv/in.png -o /srv/out.{fmt}", shell=True, check=True)
    else:
        # ruleid: python.subprocess-shell
        subprocess.run(f"convert /srv/in.png /srv/out.{fmt}", shell=True, check=True)
    return "ok"
