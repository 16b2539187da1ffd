"""Task-queue arguments (Celery tasks, Dramatiq actors) as untrusted input; the application a
request belongs to (aiohttp `request.app`) as the program's own; Flask-SQLAlchemy's
`db.session` as no HTTP client; and a constructor that keeps a method's result of its
argument (`self.base = base.rstrip("/")`)."""
import json
import shutil
import subprocess

import dramatiq
import requests
from aiohttp import web
from celery import Celery, shared_task
from flask import Flask, jsonify, request
from flask_sqlalchemy import SQLAlchemy

celery_app = Celery("jobs", broker="redis://localhost:6379/0")
app = Flask(__name__)
db = SQLAlchemy(app)


@celery_app.task(bind=True, max_retries=3)
def publish_asset(self, payload):
    spec = json.loads(payload)
    # ruleid: python.path-traversal
    shutil.copyfile("/srv/uploads/" + spec["name"], "/srv/public/" + spec["name"])
    return self.request.id


@shared_task
def ping_subscriber(callback_url: str):
    # ruleid: python.ssrf
    return requests.get(callback_url, timeout=5).status_code


@dramatiq.actor(max_retries=0)
def transcode(source):
    # ruleid: python.subprocess-shell
    subprocess.run(f"ffmpeg -i {source} out.mp4", shell=True, check=True)


@shared_task
def resize(width: int, height: int):
    # ok: python.subprocess-shell
    subprocess.run(f"convert in.png -resize {width}x{height} out.png", shell=True, check=True)


@celery_app.task(bind=True)
def report_worker(self):
    # ok: python.ssrf
    return requests.get("https://status.internal.example/" + self.request.hostname, timeout=5)


class Subscriber:
    def __init__(self, subscription):
        self.base = subscription["callback_base"].rstrip("/")
        self.events = set(subscription.get("events", []))

    def config(self):
        # ruleid: python.ssrf
        return requests.get(self.base + "/.well-known/hooks", timeout=5).json()


@shared_task
def deliver_event(subscription, event):
    return Subscriber(subscription).config()


class Notifier:
    def __init__(self, channel):
        self.endpoint = "https://hooks.example.com/" + "general".strip()
        self.channel = channel

    def send(self, text):
        # ok: python.ssrf
        return requests.post(self.endpoint, json={"text": text, "channel": self.channel})


@shared_task
def notify(channel, text):
    return Notifier(channel).send(text)


class ReportStore:
    def __init__(self, root):
        self.root = root

    def remove(self, name):
        # ok: python.path-traversal
        shutil.rmtree(self.root + "/" + name)


async def purge_reports(request: web.Request):
    store = request.app["store"]
    settings = request.config_dict["settings"]
    store.remove(settings["archive_dir"])
    return web.json_response({"ok": True})


async def purge_named(request):
    store = request.app["store"]
    # ruleid: python.path-traversal
    shutil.rmtree(store.root + "/" + request.match_info["name"])
    return web.json_response({"ok": True})


class ResetToken(db.Model):
    token = db.Column(db.String, primary_key=True)


@app.post("/reset")
def reset_password():
    row = ResetToken.query.filter_by(token=request.json.get("token")).first()
    # ok: python.ssrf
    db.session.delete(row)
    db.session.commit()
    return jsonify(ok=True)


@app.post("/proxy-delete")
def proxy_delete():
    session = requests.Session()
    # ruleid: python.ssrf
    session.delete(request.json["url"], timeout=5)
    return jsonify(ok=True)
