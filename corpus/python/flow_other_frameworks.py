# Request data in Litestar route handlers, CherryPy exposed methods and web.py handlers.
import os
import subprocess

import cherrypy
import requests
import web
from litestar import get, post

NOTES = "/srv/notes"


@get("/preview")
async def preview(link: str) -> str:
    # ruleid: python.ssrf
    return requests.get(link, timeout=3).text


@get("/preview/{item_id:int}")
async def preview_item(item_id: int) -> str:
    # ok: python.ssrf
    return requests.get(f"https://items.example.com/{item_id}", timeout=3).text


@post("/convert")
async def convert(data: dict) -> str:
    # ruleid: python.subprocess-shell
    return subprocess.run("convert " + data["file"], shell=True, capture_output=True, text=True).stdout


class Notes:
    @cherrypy.expose
    def read(self, name):
        # ruleid: python.path-traversal
        with open(os.path.join(NOTES, name)) as fh:
            return fh.read()

    @cherrypy.expose
    def read_safe(self, name):
        # ok: python.path-traversal
        with open(os.path.join(NOTES, os.path.basename(name))) as fh:
            return fh.read()


class Fetch:
    def GET(self):
        form = web.input(url="")
        # ruleid: python.ssrf
        return requests.get(form.url, timeout=3).text

    def POST(self):
        form = web.input(item="")
        # ok: python.ssrf
        return requests.get("https://items.example.com/search", params={"q": form.item}, timeout=3).text
