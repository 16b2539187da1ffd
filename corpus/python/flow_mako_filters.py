"""Mako templates: the `h` filter on every expression escapes what they insert."""
from mako.template import Template
from pyramid.response import Response
from pyramid.view import view_config

ESCAPED = Template("<h1>${title}</h1><p>${body}</p>", default_filters=["h"])
RAW = Template("<h1>${title}</h1><p>${body}</p>")


@view_config(route_name="note_preview", request_method="POST")
def note_preview(request):
    data = request.json_body
    page = ESCAPED.render(title=data.get("title", ""), body=data.get("body", ""))
    # ok: python.xss
    return Response(page, content_type="text/html")


@view_config(route_name="note_raw", request_method="POST")
def note_raw(request):
    data = request.json_body
    page = RAW.render(title=data.get("title", ""), body=data.get("body", ""))
    # ruleid: python.xss
    return Response(page, content_type="text/html")


@view_config(route_name="note_inline", request_method="POST")
def note_inline(request):
    card = Template("<div>${who}</div>", default_filters=["str", "h"])
    # ok: python.xss
    return Response(card.render(who=request.json_body["who"]), content_type="text/html")


@view_config(route_name="note_inline_raw", request_method="POST")
def note_inline_raw(request):
    card = Template("<div>${who}</div>", default_filters=["str"])
    # ruleid: python.xss
    return Response(card.render(who=request.json_body["who"]), content_type="text/html")
