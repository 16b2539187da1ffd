"""Greeting cards and search filters: template source and regular expressions, some from the caller."""
import re
import re as regexp
from string import Template

import aiofiles
import aiohttp
import jinja2
from flask import Flask, abort, render_template_string, request
from flask import render_template_string as render_text

app = Flask(__name__)
CARD = "<h1>Hello {{ name }}</h1>"
CARDS = {"plain": "<p>{{ name }}</p>", "bold": "<b>{{ name }}</b>"}
SKUS = re.compile(r"^[A-Z]{3}-\d{4}$")
env = jinja2.Environment(autoescape=True)


def card_source(greeting):
    return "<h1>" + greeting + ", {{ name }}</h1>"


@app.route("/card")
def card():
    greeting = request.args["greeting"]
    # ruleid: python.template-injection
    return render_template_string("<h1>" + greeting + "</h1>")


@app.route("/card-data")
def card_data():
    greeting = request.args["greeting"]
    # ok: python.template-injection
    return render_template_string("<h1>{{ greeting }}</h1>", greeting=greeting)


@app.route("/card-chain")
def card_chain():
    first = request.form["template"]
    second = first.strip()
    third = second
    # ruleid: python.template-injection
    return env.from_string(third).render(name="guest")


@app.route("/card-fixed")
def card_fixed():
    name = request.form["name"]
    source = CARD
    # ok: python.template-injection
    return env.from_string(source).render(name=name)


@app.route("/card-helper")
def card_helper():
    source = card_source(request.args["greeting"])
    # ruleid: python.template-injection
    return render_text(source, name="guest")


@app.route("/card-choice")
def card_choice():
    style = request.args.get("style", "plain")
    if style not in CARDS:
        abort(404)
    # ok: python.template-injection
    return render_text(CARDS[style], name=request.args.get("name", "guest"))


async def uploaded_card(request):
    form = await request.post()
    # ruleid: python.path-traversal
    async with aiofiles.open(form["card_file"]) as upload:
        source = await upload.read()
    # ruleid: python.template-injection
    return jinja2.Template(source).render()


def constant_card():
    source = CARD.replace("h1", "h2")
    # ok: python.template-injection
    return jinja2.Template(source).render(name="guest")


@app.route("/search")
def search():
    term = request.args["q"]
    # ruleid: python.regex-injection
    pattern = re.compile(term)
    return str(pattern.pattern)


@app.route("/search-escaped")
def search_escaped():
    term = request.args["q"]
    # ok: python.regex-injection
    pattern = re.compile(re.escape(term))
    return str(pattern.pattern)


@app.route("/search-chain")
def search_chain():
    first = request.args.get("q", "")
    second = first.lower()
    third = "^" + second
    # ruleid: python.regex-injection
    return str(bool(regexp.search(third, "catalogue")))


@app.route("/search-sku")
def search_sku():
    sku = request.args.get("sku", "")
    # ok: python.regex-injection
    return str(bool(regexp.search(r"^[A-Z]{3}-\d{4}$", sku)))


def split_on(separator, text):
    # ruleid: python.regex-injection
    return re.split(separator, text)


@app.route("/split")
def split():
    return ",".join(split_on(request.args["sep"], "a;b;c"))


@app.route("/split-fixed")
def split_fixed():
    text = request.args["text"]
    # ok: python.regex-injection
    return ",".join(re.split(";", text))


async def filter_lines(request):
    form = await request.post()
    async with aiohttp.ClientSession() as session:
        async with session.get("https://logs.example.com/today") as response:
            body = await response.text()
    # ruleid: python.regex-injection
    return [line for line in body.splitlines() if re.match(form["pattern"], line)]


async def filter_lines_escaped(request):
    form = await request.post()
    async with aiohttp.ClientSession() as session:
        async with session.get("https://logs.example.com/today") as response:
            body = await response.text()
    # ok: python.regex-injection
    return [line for line in body.splitlines() if re.match(re.escape(form["pattern"]), line)]


SIGNATURE_PAGE = "<p class='sig'>{{ sig|safe }}</p>"
ESCAPED_PAGE = "<p class='sig'>{{ sig }}</p>"


@app.route("/signature")
def signature():
    # ruleid: python.xss
    raw = render_template_string(SIGNATURE_PAGE, sig=request.args["sig"])
    # ok: python.xss
    escaped = render_template_string(ESCAPED_PAGE, sig=request.args["sig"])
    return raw + escaped


ORDER_PAGE = Template("<html><body><h1>Order $order</h1></body></html>")
PLAIN_RECEIPT = Template("Order $order received")


@app.route("/order")
def order_page():
    # ruleid: python.xss
    return ORDER_PAGE.substitute(order=request.args["id"])


@app.route("/order.txt")
def order_text():
    # ok: python.xss
    return PLAIN_RECEIPT.substitute(order=request.args["id"]), 200, {"Content-Type": "text/plain"}


@app.route("/welcome")
def welcome():
    fields = {"name": request.args["name"]}
    # ruleid: python.xss
    return "<p>Welcome, {name}</p>".format_map(fields)


@app.post("/signup")
def signup():
    name = request.form.get("name", "")
    # ruleid: python.xss
    return f"<p>Welcome, {name}</p>"


def fastapi_greeting():
    from fastapi import FastAPI

    api = FastAPI()

    @api.get("/greet")
    def greet(name: str):
        # ok: python.xss
        return f"<p>Hello, {name}</p>"

    return api
