"""A diagnostics service: argv lists built before the call, helpers called with keyword
arguments and `**` spreads."""
import sqlite3
import subprocess as sp

from flask import Flask, jsonify, request

app = Flask(__name__)


def ping_host(host, count=1):
    # The program is the list's first element, "ping": the host is one argument.
    cmd = ["ping", "-c", str(count), "--", host]
    # ok: python.untrusted-program
    return sp.run(cmd, capture_output=True, text=True).stdout


def run_tool(tool, *flags):
    argv = [tool] + list(flags)
    # ruleid: python.untrusted-program
    return sp.run(argv, capture_output=True).stdout


def run_helper_tool(tool):
    # ruleid: python.untrusted-program
    return sp.check_output([tool, "--version"])


@app.route("/ping")
def ping():
    return jsonify(out=ping_host(request.args["host"]))


@app.route("/tool")
def tool():
    run_helper_tool(request.args["helper"])
    return jsonify(out=run_tool(request.args["tool"], "--help"))


def update_product(product_id, **fields):
    assignments = ", ".join("{}='{}'".format(k, v) for k, v in fields.items())
    statement = "UPDATE products SET {} WHERE id={}".format(assignments, product_id)
    conn = sqlite3.connect("shop.db")
    try:
        with conn:
            # ruleid: python.sql-string-formatting
            conn.execute(statement)
    finally:
        conn.close()


def list_rows(table, order_by="id", limit=10):
    conn = sqlite3.connect("shop.db")
    # ruleid: python.sql-string-formatting
    return conn.execute(f"SELECT * FROM {table} ORDER BY {order_by} LIMIT {int(limit)}")


def joined(*columns, table="products"):
    conn = sqlite3.connect("shop.db")
    # ruleid: python.sql-string-formatting
    return conn.execute("SELECT " + ", ".join(columns) + " FROM " + table)


@app.route("/products/<int:pid>", methods=["PATCH"])
def patch_product(pid):
    payload = request.get_json(force=True) or {}
    update_product(pid, **payload)
    list_rows("products", limit=5, order_by=request.args["order"])
    joined("id", "name", request.args["extra"])
    return jsonify(status="ok")
