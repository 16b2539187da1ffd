"""Files, URLs and markup through libraries beyond the usual web calls."""
import ipaddress
import smtplib
import zipfile
from email.mime.text import MIMEText
from urllib.parse import urlparse

import boto3
import mistune
import requests
from django.core.files.storage import default_storage
from fastapi import FastAPI, Request, UploadFile
from fastapi.exceptions import HTTPException
from fastapi.responses import HTMLResponse
from flask import Flask, abort, request

app = Flask(__name__)
api = FastAPI()
MIRRORS = {"mirror.example.com", "cdn.example.net"}
escaped_markdown = mistune.create_markdown(escape=True)
raw_markdown = mistune.create_markdown(escape=False)


@app.post("/invite")
def invite():
    note = request.form["note"]
    # ruleid: python.xss
    html_part = MIMEText(f"<p>{note}</p>", "html")
    # ok: python.xss
    text_part = MIMEText(f"Note: {note}", "plain")
    with smtplib.SMTP("localhost") as smtp:
        smtp.sendmail("a@example.com", ["b@example.com"], html_part.as_string() + text_part.as_string())
    return "sent"


@app.post("/buckets")
def list_bucket():
    settings = request.get_json()
    # ruleid: python.ssrf
    client = boto3.client("s3", endpoint_url=settings["endpoint"])
    # ok: python.ssrf
    fixed = boto3.client("s3", endpoint_url="https://s3.eu-west-1.amazonaws.com")
    return {"a": client.list_buckets(), "b": fixed.list_buckets()}


def upload_document(request):
    upload = request.FILES["document"]
    # ok: python.path-traversal
    stored = default_storage.save(default_storage.get_valid_name(upload.name), upload)
    # ruleid: python.path-traversal
    raw = default_storage.save("documents/" + upload.name, upload)
    return stored, raw


@api.post("/preview")
async def preview(text: str):
    # ok: python.xss
    safe = HTMLResponse(escaped_markdown(text))
    # ruleid: python.xss
    unsafe = HTMLResponse(raw_markdown(text))
    return safe if len(text) > 10 else unsafe


@api.exception_handler(HTTPException)
async def html_errors(request: Request, exc: HTTPException):
    page = f"<p>Could not load {request.url.path}</p>"
    # ruleid: python.xss
    return HTMLResponse(content=page, status_code=exc.status_code)


def on_mirror(url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme != "https":
        return False
    try:
        ipaddress.ip_address(parsed.hostname)
        return False
    except ValueError:
        pass
    return parsed.hostname in MIRRORS


def is_https(url: str) -> bool:
    parsed = urlparse(url)
    try:
        ipaddress.ip_address(parsed.hostname)
        return False
    except ValueError:
        pass
    return parsed.scheme == "https"


@app.get("/mirror")
def mirror():
    src = request.args["src"]
    if not on_mirror(src):
        abort(403)
    # ok: python.ssrf
    return requests.get(src, timeout=5).content


@app.get("/fetch")
def fetch():
    src = request.args["src"]
    if not is_https(src):
        abort(403)
    # ruleid: python.ssrf
    return requests.get(src, timeout=5).content


@api.post("/themes")
async def upload_theme(pack: UploadFile):
    # ok: python.path-traversal
    with zipfile.ZipFile(pack.file) as archive:
        names = archive.namelist()
    # ruleid: python.path-traversal
    with zipfile.ZipFile(f"/srv/themes/{pack.filename}") as archive:
        return {"files": names + archive.namelist()}
