"""A tiny redirect and download service on the standard library's http.server: percent-decoded request
data that reaches response headers raw, next to twins that re-encode it, strip line breaks, keep the raw
(line-break-free) request line or use constants."""
import urllib.parse as up
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

from openai import OpenAI

HOME = "/"
DOWNLOAD_NAME = "report.csv"
llm = OpenAI()


def download_header(name):
    return f'attachment; filename="{name}"'


def strip_breaks(value):
    return value.replace("\r", "").replace("\n", "")


class Redirector(BaseHTTPRequestHandler):
    def do_GET(self):
        target = parse_qs(urlparse(self.path).query).get("next", [HOME])[0]
        self.send_response(302)
        # ruleid: python.header-injection
        self.send_header("Location", target)
        self.end_headers()

    def do_HEAD(self):
        target = parse_qs(urlparse(self.path).query).get("next", [HOME])[0]
        self.send_response(302)
        # ok: python.header-injection
        self.send_header("Location", up.quote(target, safe="/:?=&"))
        self.end_headers()

    def do_OPTIONS(self):
        first = up.unquote(urlparse(self.path).query)
        second = "req-" + first
        third = second.strip()
        self.send_response(204)
        # ruleid: python.header-injection
        self.send_header("X-Request-Id", third)
        self.end_headers()

    def do_TRACE(self):
        first = up.unquote(urlparse(self.path).query)
        second = "req-" + strip_breaks(first)
        third = second.strip()
        self.send_response(204)
        # ok: python.header-injection
        self.send_header("X-Request-Id", third)
        self.end_headers()


class Downloads(BaseHTTPRequestHandler):
    def do_GET(self):
        name = up.unquote(urlparse(self.path).path.rsplit("/", 1)[-1])
        self.send_response(200)
        # ruleid: python.header-injection
        self.send_header("Content-Disposition", download_header(name))
        self.end_headers()

    def do_PUT(self):
        name = urlparse(self.path).path.rsplit("/", 1)[-1]
        self.send_response(200)
        # ok: python.header-injection
        self.send_header("Content-Disposition", download_header(name))
        self.end_headers()

    def do_HEAD(self):
        name = DOWNLOAD_NAME
        self.send_response(200)
        # ok: python.header-injection
        self.send_header("Content-Disposition", download_header(name))
        self.end_headers()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        field = self.rfile.read(length).decode()
        self.send_response(201)
        # ruleid: python.header-injection
        self.send_header(field, "1")
        # ok: python.header-injection
        self.send_header("Content-Length", str(length))
        self.end_headers()


class Assistant(BaseHTTPRequestHandler):
    def do_POST(self):
        question = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        answer = llm.responses.create(model="gpt-4o-mini", input=question).output_text
        self.send_response(200)
        # ruleid: python.header-injection
        self.send_header("X-Answer-Summary", answer[:80])
        # ok: python.header-injection
        self.send_header("X-Answer-Summary", up.quote(answer[:80]))
        self.end_headers()


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", 8080), Redirector).serve_forever()
