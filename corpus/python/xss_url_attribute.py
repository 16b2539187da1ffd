"""A value that starts the URL of a link or form: HTML escaping leaves `javascript:` as it is."""
import html
from urllib.parse import quote

from flask import Flask, request, url_for

app = Flask(__name__)


@app.route("/card")
def card():
    name = html.escape(request.args.get("name", ""))
    link = html.escape(request.args.get("website", ""))
    # ruleid: python.xss-url-attribute
    return f'<div><h3>{name}</h3><a href="{link}">Homepage</a></div>'


@app.route("/card/checked")
def card_checked():
    link = request.args.get("website", "")
    if not link.startswith(("https://", "http://")):
        link = "#"
    # ok: python.xss-url-attribute
    return f'<a href="{html.escape(link)}">Homepage</a>'


@app.route("/avatar")
def avatar():
    # ruleid: python.xss-url-attribute
    return f"<img src='{html.escape(request.args['img'])}' alt='avatar'>"


@app.route("/back")
def back():
    target = quote(request.args.get("next", "/"))
    # ok: python.xss-url-attribute
    return f'<a href="/go?to={target}">Back</a><a href="{quote(request.args["p"])}">Page</a>'


@app.route("/profile")
def profile():
    # ok: python.xss-url-attribute
    return f'<a href="{url_for("home")}">Home</a> <span title="{html.escape(request.args["t"])}">x</span>'
