# A handler may run after any statement of the `try` body: it sees the value from before it and
# the one the body assigned, and after the statement either may be there.
import sqlite3

from flask import Flask, request

app = Flask(__name__)
conn = sqlite3.connect("shop.db")


@app.route("/orders")
def orders():
    try:
        customer = request.args["customer"]
    except KeyError:
        customer = "guest"
    # ruleid: python.sql-string-formatting
    return str(conn.execute("SELECT * FROM orders WHERE customer = '%s'" % customer).fetchall())


@app.route("/orders/page")
def orders_page():
    page = request.args.get("page", "1")
    try:
        page = int(page)
    except ValueError:
        pass
    # ruleid: python.sql-string-formatting
    return str(conn.execute("SELECT * FROM orders LIMIT 20 OFFSET %s" % page).fetchall())


@app.route("/orders/page-checked")
def orders_page_checked():
    page = request.args.get("page", "1")
    try:
        page = int(page)
    except ValueError:
        return "page must be a number", 400
    # ok: python.sql-string-formatting
    return str(conn.execute("SELECT * FROM orders LIMIT 20 OFFSET %s" % page).fetchall())


@app.route("/orders/count")
def orders_count():
    try:
        limit = int(request.args["limit"])
    except (KeyError, ValueError):
        limit = 10
    else:
        limit = min(limit, 100)
    finally:
        conn.commit()
    # ok: python.sql-string-formatting
    return str(conn.execute("SELECT * FROM orders LIMIT %d" % limit).fetchall())


@app.route("/orders/sorted")
def orders_sorted():
    # `min` returns one of its arguments: the caller's text when it sorts first.
    column = min(request.args.get("sort", "id"), "zzz")
    # ruleid: python.sql-string-formatting
    return str(conn.execute("SELECT * FROM orders ORDER BY %s" % column).fetchall())
