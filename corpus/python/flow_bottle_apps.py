# Bottle handlers: templates compiled from what the caller sent, and redirects it chose.
import bottle
from bottle import SimpleTemplate, redirect, request, route, template

LAYOUTS = {"card": "Hello {{name}}", "banner": "<h1>{{name}}</h1>"}


@route("/card")
def card():
    layout = request.query.get("layout", "")
    # ruleid: python.template-injection
    return template(layout, name="visitor")


@route("/card-known")
def card_known():
    layout = LAYOUTS.get(request.query.get("layout"), LAYOUTS["card"])
    # ok: python.template-injection
    return template(layout, name="visitor")


@route("/note")
def note():
    body = request.forms.get("body")
    # ruleid: python.template-injection
    page = SimpleTemplate(body)
    # ok: python.template-injection
    fixed = SimpleTemplate("<p>{{body}}</p>")
    return page.render() + fixed.render(body=body)


@route("/back")
def back():
    target = request.query.get("to", "/")
    # ruleid: python.open-redirect
    redirect(target)


@route("/back-home")
def back_home():
    target = request.query.get("to", "/")
    # ok: python.open-redirect
    bottle.redirect("/home" if target != "/" else "/")


# A string a Bottle handler returns is sent as HTML, whichever decorator routes it.
from bottle import Bottle, get
from markupsafe import escape

api = Bottle()


@get("/tags")
def tags():
    html = "<ul>"
    for tag in request.query.getall("t"):
        html += "<li>" + tag + "</li>"
    # ruleid: python.xss
    return html + "</ul>"


@get("/tags-escaped")
def tags_escaped():
    html = "<ul>"
    for tag in request.query.getall("t"):
        html += "<li>" + str(escape(tag)) + "</li>"
    # ok: python.xss
    return html + "</ul>"


@api.get("/hello")
def hello():
    # ruleid: python.xss
    return "<b>" + request.query.get("name", "") + "</b>"


# Cookies: what the browser sent back, unless the server signed it (`secret=`).
COOKIE_KEY = "from-the-environment"


@route("/back")
def back():
    # ruleid: python.open-redirect
    redirect(request.get_cookie("return_to") or "/")


@route("/back-signed")
def back_signed():
    # ok: python.open-redirect
    redirect(request.get_cookie("return_to", secret=COOKIE_KEY) or "/")
