"""A record handed to a helper keeps its fields apart: the helper's read of the field the
caller filled with a constant is the constant, its read of the request's field is the request's."""
import requests
from flask import Flask, request

app = Flask(__name__)


def read_owner_file(meta):
    # ok: python.path-traversal
    return open("/srv/owners/" + meta["owner"]).read()


def read_chosen_owner_file(meta):
    # ruleid: python.path-traversal
    return open("/srv/owners/" + meta["owner"]).read()


def deliver(hook):
    # ok: python.ssrf
    return requests.post(hook["url"], json={"text": hook["text"]}, timeout=5).status_code


def deliver_chosen(hook):
    # ruleid: python.ssrf
    return requests.post(hook["url"], json={"text": hook["text"]}, timeout=5).status_code


@app.get("/owners")
def owner_file():
    meta = {"file": request.args["f"], "owner": "bob"}
    return read_owner_file(meta)


@app.get("/owners/chosen")
def owner_file_chosen():
    meta = {"file": "notes.txt", "owner": request.args["o"]}
    return read_chosen_owner_file(meta)


@app.post("/notify")
def notify():
    hook = {"url": "https://hooks.example.com/ops", "text": request.form["text"]}
    return str(deliver(hook))


@app.post("/notify/chosen")
def notify_chosen():
    hook = {"url": request.form["url"], "text": "ping"}
    return str(deliver_chosen(hook))
