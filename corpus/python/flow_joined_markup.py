"""A page built as a list of lines joined at the end: the list starts with markup, each
`append` keeps that start, and the joined text is markup the response serves as HTML."""
from flask import Flask, make_response, request
from markupsafe import escape

app = Flask(__name__)


class ResultsPage:
    def __init__(self, term):
        self.term = term

    def render(self):
        html = ["<html><body>"]
        html.append("<h1>Results for " + self.term + "</h1>")
        html.append("</body></html>")
        return "\n".join(html)

    def render_escaped(self):
        html = ["<html><body>"]
        html.append("<h1>Results for " + str(escape(self.term)) + "</h1>")
        html.append("</body></html>")
        return "\n".join(html)


@app.route("/search")
def search():
    page = ResultsPage(request.args.get("q", ""))
    # ruleid: python.xss
    return make_response(page.render())


@app.route("/search-escaped")
def search_escaped():
    page = ResultsPage(request.args.get("q", ""))
    # ok: python.xss
    return make_response(page.render_escaped())


@app.route("/plain")
def plain():
    lines = [request.args.get("q", "")]
    lines.append("end")
    # ok: python.xss
    return make_response("\n".join(lines))
