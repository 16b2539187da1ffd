"""Records kept whole: a dict or dataclass written with named fields keeps each field's value,
in the function that builds it and in a module-level registry another route reads."""
import os
import secrets
import uuid
from dataclasses import dataclass

import requests
from flask import Flask, jsonify, request

app = Flask(__name__)
UPLOADS = "/srv/uploads"
UPLOADED = {}
HOOKS = {}


@dataclass
class Hook:
    id: str
    event: str
    target: str


def remember(owner, content):
    stored = secrets.token_hex(8) + ".bin"
    with open(os.path.join(UPLOADS, stored), "wb") as fh:
        fh.write(content)
    UPLOADED[stored] = {"file": stored, "owner": owner, "label": owner}
    return stored


@app.post("/uploads")
def upload():
    return jsonify(id=remember(request.form["owner"], request.files["blob"].read()))


@app.get("/uploads/<key>")
def download(key):
    meta = UPLOADED.get(key)
    # ok: python.path-traversal
    body = open(os.path.join(UPLOADS, meta["file"]), "rb").read()
    # ruleid: python.path-traversal
    open(os.path.join(UPLOADS, meta["label"]), "rb").close()
    return body


@app.post("/hooks")
def add_hook():
    hook = Hook(id=uuid.uuid4().hex, event=request.json["event"], target="https://hooks.example.com/in")
    HOOKS[hook.id] = hook
    # ok: python.ssrf
    requests.post(hook.target, json={"hello": True}, timeout=3)
    # ruleid: python.ssrf
    requests.post(hook.event, json={"hello": True}, timeout=3)
    return jsonify(id=hook.id)


@app.post("/hooks/fire")
def fire():
    for hook in HOOKS.values():
        # ok: python.ssrf
        requests.post(hook.target, json={"event": hook.event}, timeout=3)
    return "fired"


NOTES = {}


@app.post("/notes")
def add_note():
    NOTES.setdefault(request.args["board"], []).append(request.form["note"])
    return "ok"


@app.get("/notes/<board>/export")
def export_notes(board):
    for note in NOTES.get(board, []):
        # ruleid: python.path-traversal
        open(os.path.join("/srv/exports", note), "w").close()
    return "exported"
