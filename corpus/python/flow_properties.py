"""Properties: `q.order_clause` reads what the getter returns for that object."""
import sqlite3
from typing import Literal

from fastapi import Depends, FastAPI, Query
from flask import Flask, request

app = Flask(__name__)
api = FastAPI()
SORTS = {"new": "created_at DESC", "old": "created_at ASC", "name": "name"}


class Listing:
    def __init__(self, args):
        self.sort = args.get("sort", "new")
        self.term = args.get("q", "")

    @property
    def order(self):
        return SORTS.get(self.sort, "created_at DESC")

    @property
    def search(self):
        return self.term.strip()


@app.route("/items")
def items():
    listing = Listing(request.args)
    db = sqlite3.connect("app.db")
    # ok: python.sql-string-formatting
    ordered = db.execute(f"SELECT id, name FROM items ORDER BY {listing.order}").fetchall()
    # ruleid: python.sql-string-formatting
    found = db.execute(f"SELECT id FROM items WHERE name = '{listing.search}'").fetchall()
    return {"ordered": ordered, "found": found}


class PageQuery:
    def __init__(self, sort: Literal["new", "old", "name"] = Query("new"), term: str = Query("")):
        self.sort = sort
        self.term = term

    @property
    def order_clause(self) -> str:
        return f"ORDER BY {SORTS[self.sort]}"

    @property
    def term_clause(self) -> str:
        return f"WHERE name LIKE '%{self.term}%'"


@api.get("/pages")
def pages(q: PageQuery = Depends()):
    db = sqlite3.connect("app.db")
    # ok: python.sql-string-formatting
    ordered = db.execute(f"SELECT id FROM pages {q.order_clause}").fetchall()
    # ruleid: python.sql-string-formatting
    matched = db.execute(f"SELECT id FROM pages {q.term_clause}").fetchall()
    return {"ordered": ordered, "matched": matched}
