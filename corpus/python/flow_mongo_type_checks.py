"""A JSON body's fields checked to be strings before they reach a MongoDB filter; the same
check does not make a value safe to splice into SQL."""
import sqlite3

from flask import Flask, abort, request
from pymongo import MongoClient

app = Flask(__name__)
users = MongoClient().app.users
conn = sqlite3.connect("app.db")


@app.post("/login")
def login():
    body = request.get_json()
    username = body.get("username")
    if not isinstance(username, str):
        abort(400)
    # ok: python.nosql-operator-injection
    user = users.find_one({"username": username})
    return {"found": user is not None}


@app.post("/login-unchecked")
def login_unchecked():
    body = request.get_json()
    username = body.get("username")
    # ruleid: python.nosql-operator-injection
    user = users.find_one({"username": username})
    return {"found": user is not None}


@app.post("/lookup")
def lookup():
    body = request.get_json()
    name = body.get("name")
    if not isinstance(name, str):
        abort(400)
    # ruleid: python.sql-string-formatting
    rows = conn.execute("SELECT id FROM users WHERE name = '%s'" % name).fetchall()
    return {"rows": rows}
