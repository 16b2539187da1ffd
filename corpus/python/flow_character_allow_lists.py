"""Every character outside letters, digits, `_` and `-` deleted: no dot, slash or tag survives.
A class that keeps dots and slashes keeps `../`."""
import re

from flask import Flask, request

app = Flask(__name__)


@app.route("/reports")
def report():
    name = re.sub(r"[^A-Za-z0-9_-]", "", request.args["name"])
    # ok: python.path-traversal
    with open("/srv/reports/" + name + ".csv") as f:
        return f.read()


@app.route("/reports/nested")
def report_nested():
    name = re.sub(r"[^A-Za-z0-9_./-]", "", request.args["name"])
    # ruleid: python.path-traversal
    with open("/srv/reports/" + name) as f:
        return f.read()
