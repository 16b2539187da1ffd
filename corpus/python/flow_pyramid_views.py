"""Pyramid views answering with WebOb responses, whose default content type is text/html."""
from markupsafe import escape
from pyramid.response import Response
from pyramid.view import view_config


@view_config(route_name="greet")
def greet(request):
    name = request.params.get("name", "")
    # ruleid: python.xss
    return Response("<h1>Hello " + name + "</h1>")


@view_config(route_name="greet_escaped")
def greet_escaped(request):
    name = request.params.get("name", "")
    # ok: python.xss
    return Response("<h1>Hello " + str(escape(name)) + "</h1>")


@view_config(route_name="profile")
def profile(request):
    user = request.matchdict["user"]
    page = f"<section><h2>{user}</h2></section>"
    # ruleid: python.xss
    return Response(body=page, content_type="text/html")


@view_config(route_name="banner")
def banner(request):
    text = request.params.get("text", "")
    # ruleid: python.xss
    return Response(text=text, content_type="text/html", charset="utf-8")


@view_config(route_name="echo")
def echo(request):
    text = request.params.get("text", "")
    # ok: python.xss
    return Response(text, content_type="text/plain")


@view_config(route_name="export")
def export(request):
    rows = request.params.get("rows", "")
    # ok: python.xss
    return Response("<rows>" + rows + "</rows>", content_type="application/xml")


@view_config(route_name="about")
def about(request):
    title = "About us"
    # ok: python.xss
    return Response(f"<h1>{title}</h1>")
