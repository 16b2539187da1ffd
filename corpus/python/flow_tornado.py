"""Tornado handlers read the request through the handler itself; jinja2 templates built by hand."""
import os
import subprocess

import tornado.web
from jinja2 import Environment, Template

BASE = "/var/www/files"
env = Environment(autoescape=True)


class FileHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name")
        # ruleid: python.path-traversal
        with open(os.path.join(BASE, name)) as fh:
            self.write(fh.read())


class SafeFileHandler(tornado.web.RequestHandler):
    def get(self):
        name = os.path.basename(self.get_argument("name"))
        # ok: python.path-traversal
        with open(os.path.join(BASE, name)) as fh:
            self.write(fh.read())


class PingHandler(tornado.web.RequestHandler):
    def get(self):
        host = self.get_query_argument("host")
        # ruleid: python.subprocess-shell
        out = subprocess.check_output("ping -c 1 %s" % host, shell=True)
        self.write(out)


class GreetHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name", "")
        # ruleid: python.xss
        self.write("<html><body>Hello %s</body></html>" % name)


class GreetJsonHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name", "")
        # ok: python.xss
        self.write({"hello": name})


class CardHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name", "")
        # ruleid: python.xss
        self.finish(Template("<h1>Hello {{ name }}</h1>").render(name=name))


class SafeCardHandler(tornado.web.RequestHandler):
    def get(self):
        name = self.get_argument("name", "")
        # ok: python.xss
        self.finish(env.from_string("<h1>Hello {{ name }}</h1>").render(name=name))
