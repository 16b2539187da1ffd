import os

from flask import Flask, jsonify, request

from .catalog import Catalog

app = Flask(__name__)


class RecentSearches:
    """Searches this process served, kept in memory for the suggestions box."""

    def __init__(self):
        self.terms = []

    def search(self, term):
        return [t for t in self.terms if t.startswith(term)]

    def lookup(self, sku):
        with open(os.path.join("/srv/sku-notes", sku)) as notes:
            return notes.read()


class SearchView:
    def __init__(self, catalog):
        self.catalog = catalog

    def results(self):
        term = request.args.get("q", "")
        # ruleid: python.sql-string-formatting
        return jsonify(self.catalog.search(term))

    def by_sku(self):
        # ok: python.path-traversal
        return jsonify(self.catalog.lookup(request.args.get("sku", "")))


view = SearchView(Catalog())
recent = RecentSearches()
app.add_url_rule("/search", view_func=view.results)
app.add_url_rule("/sku", view_func=view.by_sku)
