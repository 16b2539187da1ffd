"""Mustache templates escape what `{{name}}` inserts; `{{{name}}}` and `{{& name}}` do not."""
import chevron
from sanic import Sanic
from sanic.response import html

app = Sanic("badges")

BADGE = "<span class='badge'>{{label}}</span>"
RAW_BADGE = "<span class='badge'>{{{label}}}</span>"


@app.get("/badge")
async def badge(request):
    # ok: python.xss
    return html(chevron.render(BADGE, {"label": request.args.get("label", "")}))


@app.get("/greeting")
async def greeting(request):
    # ok: python.xss
    return html(chevron.render("<p>Hello {{name}}</p>", {"name": request.args["name"]}))


@app.get("/badge-raw")
async def badge_raw(request):
    # ruleid: python.xss
    return html(chevron.render(RAW_BADGE, {"label": request.args.get("label", "")}))


@app.get("/greeting-raw")
async def greeting_raw(request):
    # ruleid: python.xss
    return html(chevron.render("<p>Hello {{& name}}</p>", {"name": request.args["name"]}))
