"""Tornado passes a route's capture groups to `get(self, ...)`; it fetches and redirects itself."""
import os

import tornado.web
from aiohttp import web
from tornado.httpclient import AsyncHTTPClient

DOCS = "/srv/docs"


class DocHandler(tornado.web.RequestHandler):
    def get(self, name):
        # ruleid: python.path-traversal
        with open(os.path.join(DOCS, name)) as fh:
            self.write(fh.read())


class SafeDocHandler(tornado.web.RequestHandler):
    def get(self, name):
        # ok: python.path-traversal
        with open(os.path.join(DOCS, os.path.basename(name))) as fh:
            self.write(fh.read())


class FetchHandler(tornado.web.RequestHandler):
    async def get(self):
        target = self.get_argument("target")
        http = AsyncHTTPClient()
        # ruleid: python.ssrf
        response = await http.fetch(target)
        self.write(response.body)


class StatusHandler(tornado.web.RequestHandler):
    async def get(self):
        service = self.get_argument("service")
        # ok: python.ssrf
        response = await AsyncHTTPClient().fetch(f"https://status.example.com/{service}")
        self.write(response.body)


class NextHandler(tornado.web.RequestHandler):
    def get(self):
        # ruleid: python.open-redirect
        self.redirect(self.get_argument("next"))


class HomeHandler(tornado.web.RequestHandler):
    def get(self):
        section = self.get_argument("section")
        # ok: python.open-redirect
        self.redirect("/home/" + section)


async def after_login(request):
    target = request.query.get("next", "/")
    # ruleid: python.open-redirect
    raise web.HTTPFound(target)


async def after_logout(request):
    # ok: python.open-redirect
    raise web.HTTPFound("/login")
