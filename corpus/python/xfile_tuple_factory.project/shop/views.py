import sqlite3

from flask import Flask, jsonify, request

from .queries import Catalog, orders_query, search_query

app = Flask(__name__)
db = sqlite3.connect("shop.db")


def get_catalog() -> Catalog:
    return Catalog()


@app.get("/orders")
def orders():
    sql, params = orders_query(request.args["status"], request.args.get("sort", "newest"))
    # ok: python.sql-string-formatting
    return jsonify(db.execute(sql, params).fetchall())


@app.get("/search")
def search():
    sql, params = search_query(request.args["q"])
    # ruleid: python.sql-string-formatting
    return jsonify(db.execute(sql, params).fetchall())


@app.get("/brand")
def brand():
    # ruleid: python.sql-string-formatting
    return jsonify(get_catalog().by_brand(request.args["brand"]))


@app.get("/product")
def product():
    # ok: python.sql-string-formatting
    return jsonify(get_catalog().by_id(request.args["id"]))
