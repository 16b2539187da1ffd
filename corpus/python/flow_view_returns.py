"""Views that answer with a string they built: Flask and Bottle serve it as text/html."""
import html

from bottle import route
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from flask import Blueprint, Flask, jsonify, render_template, request

app = Flask(__name__)
shop = Blueprint("shop", __name__)
api = FastAPI()


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    # ruleid: python.xss
    return f"<p>Hello {name}</p>"


@app.route("/hello-escaped")
def hello_escaped():
    name = html.escape(request.args.get("name", ""))
    # ok: python.xss
    return f"<p>Hello {name}</p>"


@shop.route("/missing/<sku>")
def missing(sku):
    # ruleid: python.xss
    return "<h1>No product " + sku + "</h1>", 404


@shop.route("/missing-json/<sku>")
def missing_json(sku):
    # ok: python.xss
    return jsonify({"error": "no product", "sku": sku}), 404


@app.route("/card")
def card():
    title = request.args["title"]
    body = "<div class='card'><h2>%s</h2></div>" % title
    page = body
    # ruleid: python.xss
    return page


@app.route("/card-template")
def card_template():
    title = request.args["title"]
    # ok: python.xss
    return render_template("card.html", title=title)


@app.route("/count")
def count():
    n = int(request.args.get("n", "0"))
    # ok: python.xss
    return f"<p>{n} items</p>"


def banner(text):
    # ok: python.xss
    return f"<div>{text}</div>"


@route("/bottle/greet/<name>")
def bottle_greet(name):
    # ruleid: python.xss
    return "<b>Hi " + name + "</b>"


@api.get("/fastapi/greet", response_class=HTMLResponse)
def fastapi_greet(name: str):
    # ruleid: python.xss
    return f"<h1>{name}</h1>"


@api.get("/fastapi/plain")
def fastapi_plain(name: str):
    # ok: python.xss
    return f"<h1>{name}</h1>"


class SlugNotFound(Exception):
    def __init__(self, slug: str):
        super().__init__(slug)
        self.slug = slug


@api.exception_handler(SlugNotFound)
async def slug_not_found(request, exc: SlugNotFound):
    # ruleid: python.xss
    return HTMLResponse(f"<p>No page called <em>{exc.slug}</em></p>", status_code=404)


@api.exception_handler(KeyError)
async def key_missing(request, exc: KeyError):
    # ok: python.xss
    return HTMLResponse(f"<p>No such page: <em>{html.escape(str(exc))}</em></p>", status_code=404)


@api.exception_handler(TimeoutError)
async def timed_out(request, exc: TimeoutError):
    # ok: python.xss
    return HTMLResponse("<p>The page took too long.</p>", status_code=504)


@api.exception_handler(ValueError)
async def bad_value(request, exc: ValueError):
    # ruleid: python.xss
    return HTMLResponse("<p>Bad value: " + str(exc) + "</p>", status_code=400)
