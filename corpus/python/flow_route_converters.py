"""URL variables a route converts (`<int:...>`, `{...:int}`) reach the view as numbers: the
framework answers 404 to anything else. Unconverted ones are the caller's text."""
import os

from bottle import route
from flask import Flask

app = Flask(__name__)
INVOICES = "/srv/invoices"


@app.route("/invoices/<int:invoice_id>/pdf")
def invoice_pdf(invoice_id):
    # ok: python.path-traversal
    with open(os.path.join(INVOICES, f"{invoice_id}.pdf"), "rb") as fh:
        return fh.read()


@app.route("/invoices/<invoice_ref>/pdf")
def invoice_pdf_by_ref(invoice_ref):
    # ruleid: python.path-traversal
    with open(os.path.join(INVOICES, f"{invoice_ref}.pdf"), "rb") as fh:
        return fh.read()


@app.route("/tiles/<float:zoom>/<name>")
def tile(zoom, name):
    # ok: python.xss
    return f"<img alt='zoom {zoom}' src='/static/tile.png'>"


@app.route("/tiles/<float:zoom>/<name>/caption")
def tile_caption(zoom, name):
    # ruleid: python.xss
    return f"<figcaption>{name} at {zoom}</figcaption>"


@route("/bottle/rows/<row:int>")
def bottle_row(row):
    # ok: python.xss
    return "<tr><td>%s</td></tr>" % row


@route("/bottle/rows/<row>")
def bottle_row_text(row):
    # ruleid: python.xss
    return "<tr><td>%s</td></tr>" % row
