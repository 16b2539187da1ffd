import subprocess

from flask import Flask, request

from shop import gateway
from .gateway import invoice_text, passthrough, price_for

app = Flask(__name__)


@app.get("/price")
def price():
    sku = request.args.get("sku_url", "")
    # ruleid: python.ssrf
    return price_for(sku)


@app.get("/price/default")
def default_price():
    # ok: python.ssrf
    return price_for("https://catalog.example.com/sku/default")


@app.get("/invoice/<number>")
def invoice(number):
    # ruleid: python.path-traversal
    return invoice_text(number)


@app.get("/invoice/latest")
def latest_invoice():
    # ok: python.path-traversal
    return invoice_text("latest.txt")


@app.get("/media")
def media():
    # ruleid: python.path-traversal
    return gateway.media_text(request.args["name"])


@app.get("/cdn")
def cdn():
    # ok: python.ssrf
    return gateway.checked_download(request.args["asset"])


@app.get("/archive")
def archive():
    target = passthrough(request.args["dir"])
    # ruleid: python.subprocess-shell
    subprocess.run("tar czf /tmp/out.tgz " + target, shell=True)
    # ok: python.subprocess-shell
    subprocess.run("tar czf /tmp/out.tgz " + passthrough("/srv/static"), shell=True)
    return "ok"
