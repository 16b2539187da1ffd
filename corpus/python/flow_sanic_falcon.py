# Sanic's html() and file() responses, and escaping that Markup and Tornado do.
from markupsafe import Markup
from sanic import Sanic
from sanic.response import file, html
from tornado.escape import xhtml_escape

app = Sanic("docs")


@app.get("/hello")
async def hello(request):
    # ruleid: python.xss
    return html("<p>Hello " + request.args.get("name", "") + "</p>")


@app.get("/hello-escaped")
async def hello_escaped(request):
    # ok: python.xss
    return html("<p>Hello " + xhtml_escape(request.args.get("name", "")) + "</p>")


@app.get("/hello-markup")
async def hello_markup(request):
    # ok: python.xss
    return html(Markup("<p>Hello {}</p>").format(request.args.get("name", "")))


@app.get("/docs")
async def docs(request):
    # ruleid: python.path-traversal
    return await file("/srv/docs/" + request.args.get("page"))


@app.get("/docs-fixed")
async def docs_fixed(request):
    page = request.args.get("page")
    if page not in {"intro", "faq"}:
        page = "intro"
    # ok: python.path-traversal
    return await file("/srv/docs/" + page)
