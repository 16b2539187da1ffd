# Sanic's html() and file() responses, and escaping that Markup and Tornado do.
import os
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


from sanic.response import redirect as sanic_redirect


@app.post("/signin")
async def signin(request):
    after = request.form.get("continue", "/")
    # ruleid: python.open-redirect
    return sanic_redirect(after)


@app.post("/signin-home")
async def signin_home(request):
    after = request.form.get("continue", "/")
    if after not in {"/", "/inbox"}:
        after = "/"
    # ok: python.open-redirect
    return sanic_redirect(after)


import os
import falcon


class Outbound:
    def on_get(self, req, resp):
        target = req.get_param("url")
        # ruleid: python.open-redirect
        raise falcon.HTTPFound(target)

    def on_post(self, req, resp):
        target = req.get_param("url")
        # ok: python.open-redirect
        raise falcon.HTTPSeeOther("/links/" + target)


class Attachment:
    def on_get(self, req, resp, attachment_name):
        # ruleid: python.path-traversal
        with open("/srv/attachments/" + attachment_name, "rb") as fh:
            resp.data = fh.read()

    def on_get_thumbnail(self, req, resp, attachment_name):
        # ok: python.path-traversal
        with open("/srv/attachments/" + os.path.basename(attachment_name), "rb") as fh:
            resp.data = fh.read()

    def on_delete(self, req, resp, attachment_id: int):
        # ok: python.path-traversal
        os.remove("/srv/attachments/by-id/%d" % attachment_id)
