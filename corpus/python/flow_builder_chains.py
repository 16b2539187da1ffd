"""Query builders written as chains: a method that returns the object it is called on (`return
self`) keeps the chain an object of the class, so what its methods stored reaches the SQL."""
import sqlite3

from flask import Flask, jsonify, request

app = Flask(__name__)


class Select:
    def __init__(self, table):
        self.table = table
        self.clauses = []
        self.count = 100

    def where(self, column, value):
        self.clauses.append(f"{column} = '{value}'")
        return self

    def limit(self, count):
        self.count = int(count)
        return self

    def sql(self):
        where = " AND ".join(self.clauses) or "1 = 1"
        return f"SELECT * FROM {self.table} WHERE {where} LIMIT {self.count}"


class BoundSelect:
    def __init__(self, table):
        self.table = table
        self.clauses = []
        self.params = []

    def where(self, column, value):
        self.clauses.append(f"{column} = ?")
        self.params.append(value)
        return self

    def sql(self):
        return f"SELECT * FROM {self.table} WHERE " + " AND ".join(self.clauses)


@app.get("/items")
def items():
    db = sqlite3.connect("shop.db")
    query = Select("items").where("sku", request.args["sku"]).limit(20)
    # ruleid: python.sql-string-formatting
    rows = db.execute(query.sql()).fetchall()
    return jsonify(rows)


@app.get("/items-inline")
def items_inline():
    db = sqlite3.connect("shop.db")
    # ruleid: python.sql-string-formatting
    rows = db.execute(Select("items").where("owner", request.args["owner"]).sql()).fetchall()
    return jsonify(rows)


@app.get("/items-bound")
def items_bound():
    db = sqlite3.connect("shop.db")
    query = BoundSelect("items").where("sku", request.args["sku"])
    # ok: python.sql-string-formatting
    rows = db.execute(query.sql(), query.params).fetchall()
    return jsonify(rows)
