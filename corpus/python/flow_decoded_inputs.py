# Request data decoded before use: percent-decoding keeps it the caller's, whatever other rule
# (header injection) treats the decoding call as a source of its own.
from urllib.parse import unquote, unquote_plus

import requests
from flask import Flask, request

app = Flask(__name__)
STATUS_PAGE = "https://status.example.com/api/v2/summary.json"


@app.get("/unfurl")
def unfurl():
    link = unquote(request.args["link"])
    # ruleid: python.ssrf
    return requests.get(link, timeout=3).text


@app.get("/status")
def status():
    link = unquote(STATUS_PAGE)
    # ok: python.ssrf
    return requests.get(link, timeout=3).text


@app.get("/open")
def open_note():
    name = unquote_plus(request.args["name"])
    # ruleid: python.path-traversal
    with open("/srv/notes/" + name) as fh:
        return fh.read()


@app.get("/open-default")
def open_default_note():
    name = unquote_plus("welcome+note.txt")
    # ok: python.path-traversal
    with open("/srv/notes/" + name) as fh:
        return fh.read()
