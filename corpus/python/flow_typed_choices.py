# Parameters the framework checks against a fixed set, and Django's escapers.
import sqlite3
from typing import Annotated, Literal

from django.http import HttpResponse
from django.utils.html import conditional_escape
from fastapi import FastAPI, Query

app = FastAPI()
conn = sqlite3.connect("catalog.db")


@app.get("/items")
def items(order: Literal["asc", "desc"] = "asc"):
    # ok: python.sql-string-formatting
    return conn.execute(f"SELECT * FROM items ORDER BY name {order}").fetchall()


@app.get("/items/annotated")
def items_annotated(order: Annotated[Literal["asc", "desc"], Query()] = "asc"):
    # ok: python.sql-string-formatting
    return conn.execute(f"SELECT * FROM items ORDER BY name {order}").fetchall()


@app.get("/items/free")
def items_free(order: str = "asc"):
    # ruleid: python.sql-string-formatting
    return conn.execute(f"SELECT * FROM items ORDER BY name {order}").fetchall()


def greet(request):
    name = conditional_escape(request.POST["name"])
    # ok: python.xss
    return HttpResponse(f"<p>Hello <b>{name}</b></p>")


def greet_raw(request):
    name = request.POST["name"]
    # ruleid: python.xss
    return HttpResponse(f"<p>Hello <b>{name}</b></p>")
