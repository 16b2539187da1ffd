"""A gateway that calls its own back-end services, whose base addresses are module constants."""
import requests
from flask import Flask, request

app = Flask(__name__)
BILLING = "https://billing.internal.example.net"
SCHEME = "https://"
session = requests.Session()


@app.get("/invoice")
def invoice():
    invoice_id = request.args["id"]
    # ok: python.ssrf
    r = session.get(f"{BILLING}/v1/invoices/{invoice_id}", timeout=5)
    # ruleid: python.ssrf
    r = session.get(f"{BILLING}{invoice_id}", timeout=5)
    return r.json()


@app.get("/refund")
def refund():
    ref = request.args["ref"]
    # ok: python.ssrf
    requests.post(BILLING + "/v1/refunds/" + ref, timeout=5)
    # ruleid: python.ssrf
    requests.post(BILLING + ref, timeout=5)
    return "queued"


@app.get("/status")
def status():
    host = request.args["host"]
    # ruleid: python.ssrf
    requests.get(f"{SCHEME}{host}/v1/status", timeout=5)
    # ruleid: python.ssrf
    requests.get(SCHEME + host + "/v1/status", timeout=5)
    return "ok"


@app.get("/padded")
def padded():
    ref = request.args["ref"]
    # ruleid: python.ssrf
    requests.get(f"{BILLING!s:>40}/v1/{ref}", timeout=5)
    return "ok"
