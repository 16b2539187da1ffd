"""Sanitisers handed to `map` by name: each element comes back escaped."""
import re

from flask import Flask, request

app = Flask(__name__)


def _highlighter(terms):
    # ok: python.regex-injection
    return re.compile("(" + "|".join(map(re.escape, terms)) + ")", re.IGNORECASE)


@app.get("/highlight")
def highlight():
    terms = request.args.getlist("k")[:10]
    return {"pattern": _highlighter(terms).pattern}


@app.get("/highlight/lower")
def highlight_lower():
    terms = request.args.getlist("k")[:10]
    # ruleid: python.regex-injection
    pattern = re.compile("|".join(map(str.lower, terms)))
    return {"pattern": pattern.pattern}
