# Request data reaching a remote shell, a spawned command line, urllib3's urlopen, an httpx
# client's base URL, a Tornado page and a reflected CORS origin.
import httpx
import paramiko
import pexpect
import urllib3
from fastapi import FastAPI
from flask import Flask, request
from tornado.web import RequestHandler

app = FastAPI()
web = Flask(__name__)
http = urllib3.PoolManager()


class DiskUsage:
    def __init__(self, host):
        self.client = paramiko.SSHClient()
        self.client.load_system_host_keys()
        self.client.connect(host)

    def usage(self, path):
        # ok: python.os-system
        return self.client.exec_command("du -sh /srv/data")


@app.get("/usage")
def usage(path: str):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.connect("files.internal")
    # ruleid: python.os-system
    _, out, _ = client.exec_command(f"du -sh {path}")
    return out.read()


@web.route("/dump", methods=["POST"])
def dump():
    db = request.form["db"]
    # ruleid: python.os-system
    child = pexpect.spawn(f"/bin/sh -c 'pg_dump {db} > /tmp/dump.sql'")
    child.expect(pexpect.EOF)
    # ok: python.os-system
    pexpect.run("pg_dump main")
    return "ok"


@web.route("/probe")
def probe():
    source = request.args.get("source")
    # ruleid: python.ssrf
    r = http.urlopen("GET", source)
    # ok: python.ssrf
    s = http.urlopen("GET", "https://status.example.com/health")
    return r.data + s.data


@app.get("/tenant-status")
async def tenant_status(tenant: str):
    # ruleid: python.ssrf
    async with httpx.AsyncClient(base_url=f"https://{tenant}/api") as c:
        r = await c.get("/status")
    # ok: python.ssrf
    async with httpx.AsyncClient(base_url="https://api.example.com/") as c:
        s = await c.get(f"/tenants/{tenant}")
    return r.text + s.text


class SearchHandler(RequestHandler):
    def get(self):
        term = self.get_argument("q")
        # ruleid: python.xss
        self.finish("<h2>Results for {}</h2>".format(term))


class CountHandler(RequestHandler):
    def get(self):
        count = int(self.get_argument("n"))
        # ok: python.xss
        self.finish("<h2>{} results</h2>".format(count))


@web.after_request
def cors(resp):
    origin = request.headers.get("Origin")
    if origin:
        # ruleid: python.cors-reflect-origin
        resp.headers["Access-Control-Allow-Origin"] = origin
        resp.headers["Access-Control-Allow-Credentials"] = "true"
    return resp


def card(request):
    from django.http import HttpResponse
    from django.utils.html import escape, format_html_join

    items = request.GET.getlist("item")
    rows = format_html_join("", "<li>{}</li>", ((i,) for i in items))
    # ok: python.xss
    return HttpResponse(f"<h3>{escape(request.GET['title'])}</h3><ul>{rows}</ul>")


@web.route("/console", methods=["POST"])
def console():
    import code

    interp = code.InteractiveInterpreter()
    # ruleid: python.eval-exec
    interp.runsource(request.data.decode("utf-8"))
    # ok: python.eval-exec
    interp.runsource("print('ready')")
    return "ok"
