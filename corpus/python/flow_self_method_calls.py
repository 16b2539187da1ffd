"""A method that builds text from the object's fields, called on `self` by another method:
the object built from request data carries it into what the first method returns."""
import sqlite3

from flask import Flask, request

app = Flask(__name__)


class ItemSearch:
    def __init__(self, term):
        self.term = term

    def sql(self):
        return "SELECT * FROM items WHERE name = '%s'" % self.term

    def counted_sql(self):
        return "SELECT count(*) FROM items WHERE id = %d" % int(self.term)

    def run(self, conn):
        # ruleid: python.sql-string-formatting
        rows = conn.execute(self.sql()).fetchall()
        # ok: python.sql-string-formatting
        total = conn.execute(self.counted_sql()).fetchone()
        return rows, total


class Report:
    def sql(self):
        return "SELECT * FROM reports WHERE owner = '%s'" % "admin"

    def run(self, conn):
        # ok: python.sql-string-formatting
        return conn.execute(self.sql()).fetchall()


@app.route("/items")
def items():
    conn = sqlite3.connect("shop.db")
    rows, total = ItemSearch(request.args["q"]).run(conn)
    return {"rows": rows, "total": total, "reports": Report().run(conn)}
