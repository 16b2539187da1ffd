"""A check of how a value starts fixes where a URL leads, not what the rest does in markup."""
import sqlite3

from flask import Flask, abort, request
from markupsafe import escape

app = Flask(__name__)


@app.route("/banner")
def banner():
    text = request.args.get("text", "")
    if not text.startswith("notice:"):
        abort(400)
    # ruleid: python.xss
    return "<div class='banner'>" + text[7:] + "</div>"


@app.route("/banner/escaped")
def banner_escaped():
    text = request.args.get("text", "")
    if not text.startswith("notice:"):
        abort(400)
    # ok: python.xss
    return "<div class='banner'>" + str(escape(text[7:])) + "</div>"


@app.route("/rows")
def rows():
    where = request.args.get("where", "")
    if not where.startswith("status = "):
        abort(400)
    db = sqlite3.connect("app.db")
    # ruleid: python.sql-string-formatting
    return {"rows": db.execute("SELECT * FROM jobs WHERE " + where).fetchall()}
