# What a helper of this file returns starts as its body writes it: markup, or a fixed host.
import requests
from flask import Flask, request
from markupsafe import escape

app = Flask(__name__)


def card(name, bio):
    return f"<div class='card'><h3>{name}</h3><p>{bio}</p></div>"


def status_url(component):
    return "https://status.example.com/components/" + component


@app.route("/card")
def show_card():
    # ruleid: python.xss
    return card(request.args["name"], request.args["bio"])


@app.route("/card-escaped")
def show_card_escaped():
    # ok: python.xss
    return card(escape(request.args["name"]), escape(request.args["bio"]))


@app.route("/status")
def status():
    # ok: python.ssrf
    return requests.get(status_url(request.args["component"]), timeout=5).text
