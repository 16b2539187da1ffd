"""Outbound calls written the long way: a prepared request sent by a session, a raw socket."""
import socket

import requests
from flask import Flask, abort, request

app = Flask(__name__)
STATUS_PORT = 7070


@app.post("/hooks/replay")
def replay_hook():
    hook = request.get_json()
    with requests.Session() as http:
        outgoing = requests.Request("POST", hook["endpoint"], json=hook.get("payload"))
        prepared = http.prepare_request(outgoing)
        # ruleid: python.ssrf
        answer = http.send(prepared, timeout=10)
    return {"status": answer.status_code}


@app.post("/hooks/audit")
def audit_hook():
    hook = request.get_json()
    with requests.Session() as http:
        outgoing = requests.Request("POST", "https://audit.internal.example/events", json=hook)
        prepared = outgoing.prepare()
        # ok: python.ssrf
        answer = http.send(prepared, timeout=10)
    return {"status": answer.status_code}


@app.get("/probe")
def probe_port():
    node = request.args.get("node", "")
    conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    conn.settimeout(2)
    # ruleid: python.ssrf
    conn.connect((node, STATUS_PORT))
    conn.close()
    return "reachable"


@app.get("/probe/local")
def probe_local():
    node = request.args.get("node", "")
    if not node.isalnum():
        abort(400)
    conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # ok: python.ssrf
    conn.connect(("127.0.0.1", STATUS_PORT))
    conn.close()
    return node
