"""A Flask and a FastAPI service over MongoDB: filters built from JSON bodies, next to twins whose
values are strings by construction or converted."""
import json
from typing import Any

from fastapi import FastAPI
from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
api = FastAPI()
db = MongoClient("mongodb://localhost:27017").shop
orders = db.orders


@app.post("/login")
def login():
    creds = request.get_json()
    # ruleid: python.nosql-operator-injection
    user = db.users.find_one({"name": creds["name"], "password": creds["password"]})
    return {"ok": user is not None}


@app.post("/login-checked")
def login_checked():
    creds = request.get_json()
    # ok: python.nosql-operator-injection
    user = db.users.find_one({"name": str(creds["name"]), "password": str(creds["password"])})
    return {"ok": user is not None}


@app.post("/orders/search")
def search_orders():
    # ruleid: python.nosql-operator-injection
    return {"orders": list(orders.find(request.json))}


@app.get("/orders/by-status")
def orders_by_status():
    status = request.args.get("status", "open")
    # ok: python.nosql-operator-injection
    return {"orders": list(orders.find({"status": status}))}


@app.post("/orders/purge")
def purge_orders():
    body = request.get_json()
    selector = body["selector"]
    criteria = selector
    # ruleid: python.nosql-operator-injection
    db.orders.delete_many(criteria)
    return {"ok": True}


@app.post("/orders/note")
def order_note():
    body = request.get_json()
    note = body["note"]
    # ok: python.nosql-operator-injection
    position = note.find(body["marker"])
    return {"position": position}


@api.post("/reports/query")
def query_reports(query: dict):
    # ruleid: python.nosql-operator-injection
    return list(db.reports.find(query))


@api.post("/reports/filter")
async def filter_reports(spec: dict[str, Any]):
    # ruleid: python.nosql-operator-injection
    return await db.reports.count_documents(spec["filter"])


@api.get("/reports/by-owner")
def reports_by_owner(owner: str):
    # ok: python.nosql-operator-injection
    return list(db.reports.find({"owner": owner}))


@api.get("/reports/recent")
def recent_reports(limit: int = 10):
    # ok: python.nosql-operator-injection
    return list(db.reports.find({}).limit(limit))


@app.post("/orders/report")
def orders_report():
    stages = request.get_json()["pipeline"]
    # ruleid: python.nosql-operator-injection
    return {"rows": list(orders.aggregate(stages))}


@app.get("/orders/report/by-status")
def orders_report_by_status():
    status = request.args.get("status", "open")
    pipeline = [{"$match": {"status": status}}, {"$group": {"_id": "$customer", "n": {"$sum": 1}}}]
    # ok: python.nosql-operator-injection
    return {"rows": list(orders.aggregate(pipeline))}


@app.get("/orders/filtered")
def orders_filtered():
    # ruleid: python.nosql-operator-injection
    return {"orders": list(orders.find(json.loads(request.args["filter"])))}


@app.get("/orders/saved-filter")
def orders_saved_filter():
    with open("filters/default.json") as fh:
        saved = json.loads(fh.read())
    # ok: python.nosql-operator-injection
    return {"orders": list(orders.find(saved))}
