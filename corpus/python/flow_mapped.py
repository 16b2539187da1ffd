"""Placeholders built by mapping a function over the values: the result is what it returns."""
import sqlite3

from flask import Flask, request

app = Flask(__name__)


def placeholder(_value):
    return "?"


def literal(value):
    return f"'{value}'"


@app.get("/tagged")
def tagged():
    tags = request.args.getlist("tag")
    marks = ", ".join(map(lambda _t: "?", tags))
    conn = sqlite3.connect("app.db")
    # ok: python.sql-string-formatting
    return str(conn.execute(f"SELECT id FROM posts WHERE tag IN ({marks})", tags).fetchall())


@app.get("/tagged-helper")
def tagged_helper():
    tags = request.args.getlist("tag")
    marks = ", ".join(map(placeholder, tags))
    conn = sqlite3.connect("app.db")
    # ok: python.sql-string-formatting
    return str(conn.execute(f"SELECT id FROM posts WHERE tag IN ({marks})", tags).fetchall())


@app.get("/tagged-inline")
def tagged_inline():
    tags = request.args.getlist("tag")
    values = ", ".join(map(lambda t: f"'{t}'", tags))
    conn = sqlite3.connect("app.db")
    # ruleid: python.sql-string-formatting
    return str(conn.execute(f"SELECT id FROM posts WHERE tag IN ({values})").fetchall())


@app.get("/tagged-inline-helper")
def tagged_inline_helper():
    tags = request.args.getlist("tag")
    values = ", ".join(map(literal, tags))
    conn = sqlite3.connect("app.db")
    # ruleid: python.sql-string-formatting
    return str(conn.execute(f"SELECT id FROM posts WHERE tag IN ({values})").fetchall())
