# A constant origin followed by a path fixes the host; followed directly by input it does not.
import os

import requests
from flask import Flask, request

app = Flask(__name__)
API = "https://api.example.com"


@app.route("/items")
def items():
    item = request.args["item"]
    # ok: python.ssrf
    a = requests.get(f"{API}/items/{item}", timeout=5)
    # ok: python.ssrf
    b = requests.get(API + "/stock/" + item, timeout=5)
    # ruleid: python.ssrf
    c = requests.get(f"{API}{item}", timeout=5)
    return {"a": a.status_code, "b": b.status_code, "c": c.status_code}


@app.route("/preview")
def preview():
    link = request.args["link"]
    if not link.startswith(("http://", "https://")):
        return "only web links", 400
    # ruleid: python.ssrf
    return requests.get(link, timeout=5).text


@app.route("/partner-preview")
def partner_preview():
    link = request.args["link"]
    if not link.startswith("https://partners.example.com/"):
        return "only partner links", 400
    # ok: python.ssrf
    return requests.get(link, timeout=5).text


BILLING_URL = os.environ.get("BILLING_URL", "http://billing.internal")


@app.route("/invoices/<invoice_id>")
def invoice(invoice_id):
    # ok: python.ssrf
    found = requests.get(f"{BILLING_URL}/invoices/{invoice_id}", timeout=5)
    # ruleid: python.ssrf
    moved = requests.get(f"{BILLING_URL}{request.args['path']}", timeout=5)
    return found.text + moved.text
