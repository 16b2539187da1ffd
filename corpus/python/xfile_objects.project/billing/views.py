from flask import Flask, request

from billing import render_invoice
from . import pull_rates
from .storage import Archive, archive

app = Flask(__name__)


@app.post("/invoice")
def invoice():
    # ruleid: python.subprocess-shell
    return str(render_invoice(request.form["template"]))


@app.post("/invoice/standard")
def standard_invoice():
    # ok: python.subprocess-shell
    return str(render_invoice("standard.html"))


@app.get("/rates")
def rates():
    # ruleid: python.ssrf
    return pull_rates(request.args["feed"])


@app.get("/rates/ecb")
def ecb_rates():
    # ok: python.ssrf
    return pull_rates("https://rates.example.org/daily.json")


@app.get("/archived/<name>")
def archived(name):
    # ruleid: python.path-traversal
    return Archive().read(name)


@app.get("/archived-index")
def archived_index():
    # ok: python.path-traversal
    return Archive().read("index.txt")


@app.get("/shared/<name>")
def shared(name):
    store = Archive()
    # ruleid: python.path-traversal
    first = store.read(name)
    # ok: python.path-traversal
    second = store.read("README")
    return first + second


@app.get("/module/<name>")
def module_object(name):
    # ruleid: python.path-traversal
    return archive.read(name)


@app.get("/module-fixed")
def module_object_fixed():
    # ok: python.path-traversal
    return archive.read("fixed.txt")
