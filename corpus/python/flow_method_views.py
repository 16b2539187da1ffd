# Flask class-based views: a MethodView's `get(self, name)` and a View's
# `dispatch_request(self, name)` receive the URL rule's variables.
import os

from flask import Flask, abort, send_file
from flask.views import MethodView, View

app = Flask(__name__)
INVOICES = "/srv/invoices"


class InvoiceFile(MethodView):
    def get(self, invoice):
        # ruleid: python.path-traversal
        return send_file(os.path.join(INVOICES, invoice))

    def delete(self, invoice):
        # ok: python.path-traversal
        os.remove(os.path.join(INVOICES, os.path.basename(invoice)))
        return "", 204


class InvoicePreview(View):
    def dispatch_request(self, invoice):
        # ruleid: python.path-traversal
        with open(os.path.join(INVOICES, invoice + ".html")) as fh:
            return fh.read()


class InvoiceCount(MethodView):
    def get(self):
        # ok: python.path-traversal
        return {"count": len(os.listdir(INVOICES))}


app.add_url_rule("/invoices/<invoice>", view_func=InvoiceFile.as_view("invoice"))
app.add_url_rule("/preview/<invoice>", view_func=InvoicePreview.as_view("preview"))
app.add_url_rule("/invoices", view_func=InvoiceCount.as_view("invoices"))
