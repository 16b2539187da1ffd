"""A hand-written escaper of the file turns `<` and `&` into entities; a helper that only trims
does not make the text safe."""
from flask import Flask, request

app = Flask(__name__)

ENTITY_FREE = str.maketrans({"\r": " ", "\n": " "})


def escape_html(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def encode(text):
    table = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;"}
    return "".join(table.get(ch, ch) for ch in str(text))


def tidy(text):
    return str(text).translate(ENTITY_FREE).strip()[:80]


@app.get("/hello")
def hello():
    # ok: python.xss
    return f"<h1>Hello {escape_html(request.args['name'])}</h1>"


@app.get("/bye")
def bye():
    # ok: python.xss
    return f"<h1>Bye {encode(request.args['name'])}</h1>"


@app.get("/echo")
def echo():
    # ruleid: python.xss
    return f"<p>{tidy(request.args['q'])}</p>"


@app.get("/raw")
def raw():
    # ruleid: python.xss
    return "<p>" + request.args["q"] + "</p>"
