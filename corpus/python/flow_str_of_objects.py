"""`str(page)` of an object of a class the file defines is what its `__str__` returns: the
request's text in it is still the request's, and so is the markup it starts with."""
from bottle import Bottle, request, response
from markupsafe import escape

app = Bottle()


class Page:
    def __init__(self, title):
        self.title = title

    def __str__(self):
        return "<html><body><h1>%s</h1></body></html>" % self.title


class EscapedPage:
    def __init__(self, title):
        self.title = escape(title)

    def __str__(self):
        return "<html><body><h1>%s</h1></body></html>" % self.title


@app.get("/page")
def page():
    response.content_type = "text/html"
    html = str(Page(request.query.get("title", "")))
    # ruleid: python.xss
    return html


@app.get("/page/escaped")
def page_escaped():
    response.content_type = "text/html"
    html = str(EscapedPage(request.query.get("title", "")))
    # ok: python.xss
    return html


@app.get("/inline")
def inline():
    response.content_type = "text/html"
    # ruleid: python.xss
    return str(Page(request.query.get("title", "")))


@app.get("/inline/escaped")
def inline_escaped():
    response.content_type = "text/html"
    # ok: python.xss
    return str(EscapedPage(request.query.get("title", "")))
