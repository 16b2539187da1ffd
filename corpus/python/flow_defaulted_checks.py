"""A check written with a literal default (`SLUG.fullmatch(name or "")`) checks the value: where
it holds, the value held too, or was empty."""
import os
import re

from bottle import Bottle, HTTPError, request

app = Bottle()
REPORTS = "/srv/reports"
REPORT_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def require_report_name(name):
    if not REPORT_NAME.fullmatch(name or ""):
        raise HTTPError(400, "invalid report name")
    return name


def loose_report_name(name):
    if len(name or "") > 40:
        raise HTTPError(400, "report name too long")
    return name


@app.get("/reports/<name>")
def report(name):
    name = require_report_name(name)
    # ok: python.path-traversal
    with open(os.path.join(REPORTS, name + ".csv"), "rb") as fh:
        return fh.read()


@app.get("/reports/loose/<name>")
def loose_report(name):
    name = loose_report_name(name)
    # ruleid: python.path-traversal
    with open(os.path.join(REPORTS, name + ".csv"), "rb") as fh:
        return fh.read()


@app.get("/exports")
def export():
    name = request.query.get("name")
    if not REPORT_NAME.fullmatch(name or "x"):
        raise HTTPError(400)
    # ok: python.path-traversal
    with open(os.path.join(REPORTS, name + ".csv"), "rb") as fh:
        return fh.read()


@app.get("/exports/unchecked")
def export_unchecked():
    name = request.query.get("name") or "daily"
    # ruleid: python.path-traversal
    with open(os.path.join(REPORTS, name + ".csv"), "rb") as fh:
        return fh.read()
