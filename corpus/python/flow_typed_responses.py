"""A response typed `text/html` is markup whatever its text starts with; `str.format` keeps the
template's start, so `"<li>{}</li>".format(x)` is known to be HTML."""
from flask import Flask, Response, request
from markupsafe import escape

app = Flask(__name__)


@app.get("/badge")
def badge():
    label = request.args.get("label", "")
    # ruleid: python.xss
    return Response(label, mimetype="text/html")


@app.get("/badge/plain")
def badge_plain():
    label = request.args.get("label", "")
    # ok: python.xss
    return Response(label, mimetype="text/plain")


@app.get("/crumbs")
def crumbs():
    item = request.args.get("item", "")
    body = "<li class='crumb'>{}</li>".format(item)
    # ruleid: python.xss
    return Response(body)


@app.get("/crumbs/escaped")
def crumbs_escaped():
    item = request.args.get("item", "")
    body = "<li class='crumb'>{}</li>".format(escape(item))
    # ok: python.xss
    return Response(body)
