import json

import requests
from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
invites = MongoClient()["crm"]["invites"]
PARTNER_API = "https://partners.example.com"


def dispatch(tool, raw_arguments):
    match tool, json.loads(raw_arguments):
        case "download", {"address": str(address)}:
            # ruleid: python.ssrf
            return requests.get(address, timeout=5).text
        case "partner", {"page": int(page)}:
            # ok: python.ssrf
            return requests.get(f"{PARTNER_API}/v2/list?page={page}", timeout=5).text
        case _:
            return "unknown tool"


@app.post("/agent/tool")
def run_tool():
    call = request.get_json()
    return dispatch(call["name"], call["arguments"])


@app.post("/invites/accept")
def accept_invite():
    match request.get_json():
        case {"code": code, "email": str(email)} if "@" in email:
            pass
        case _:
            return jsonify(error="bad request"), 400
    # ruleid: python.nosql-operator-injection
    invite = invites.find_one({"code": code, "email": email.lower()})
    return jsonify(found=invite is not None)


@app.post("/invites/decline")
def decline_invite():
    match request.get_json():
        case {"code": str(code)}:
            # ok: python.nosql-operator-injection
            invites.delete_one({"code": code})
            return jsonify(ok=True)
        case {"reason": reason, **rest}:
            return jsonify(ignored=sorted(rest), reason=str(reason)[:80])
    return jsonify(ok=False)
