"""Webhook and export clients kept in objects: the request's values live in `self.<attr>`."""
import os
import shutil
from dataclasses import dataclass

import requests
from flask import Flask, request

app = Flask(__name__)


@dataclass
class Hook:
    url: str
    secret: str = ""


class HookClient:
    def __init__(self, hook):
        self.hook = hook
        self.session = requests.Session()

    def deliver(self, event):
        # ruleid: python.ssrf
        return self.session.post(self.hook.url, json=event, timeout=5)


class PartnerApi:
    def __init__(self, token):
        self.token = token
        self.base = "https://api.partner.example.com/"

    def fetch(self, path):
        # ok: python.ssrf
        return requests.get(self.base + path, headers={"Authorization": self.token}, timeout=5)


class Archiver:
    def __init__(self, target):
        self.target = target

    def clean(self):
        # ruleid: python.path-traversal
        shutil.rmtree(os.path.join("/srv/archive", self.target))

    def size(self):
        # ok: python.path-traversal
        return os.path.getsize("/backups/out.tar")


@app.route("/hooks/test", methods=["POST"])
def test_hook():
    # ruleid: python.mass-assignment
    client = HookClient(Hook(**request.get_json()))
    return str(client.deliver({"type": "ping"}).status_code)


@app.route("/partner/<path:item>")
def partner(item):
    api = PartnerApi(request.headers["Authorization"])
    return api.fetch("items/" + item).text


@app.route("/archive", methods=["POST"])
def archive():
    archiver = Archiver(request.form["dir"])
    archiver.clean()
    return str(archiver.size())


class Mirror:
    def __init__(self, session):
        self.session = session

    def pull(self, url):
        # ruleid: python.ssrf
        return self.session.get(url, timeout=5).text

    def pull_status(self, name):
        # ok: python.ssrf
        return self.session.get("https://status.example.com/api/" + name, timeout=5).text


@app.route("/mirror")
def mirror():
    # The object is built and used in one expression: its method is still followed.
    return Mirror(requests.Session()).pull(request.args["url"])


@app.route("/mirror-status")
def mirror_status():
    return Mirror(requests.Session()).pull_status(request.args["name"])


class TableRenderer:
    def __init__(self, caption):
        self.caption = caption

    def render(self, rows):
        return "<table><caption>{}</caption>".format(self.caption) + "".join(rows) + "</table>"


class SafeCard:
    def render(self, title):
        from markupsafe import escape

        return "<h2>" + str(escape(title)) + "</h2>"


@app.route("/admin/users")
def admin_users():
    # ruleid: python.xss
    return TableRenderer(request.args.get("caption")).render(["<tr><td>root</td></tr>"])


@app.route("/admin/card")
def admin_card():
    # ok: python.xss
    return SafeCard().render(request.args["title"])


class RowsRenderer:
    def __init__(self, caption):
        self.caption = caption

    def render(self, rows):
        html = "<table><caption>{}</caption>".format(self.caption)
        for row in rows:
            html += "<tr><td>{}</td></tr>".format(row)
        return html + "</table>"


@app.route("/admin/rows")
def admin_rows():
    renderer = RowsRenderer(request.args.get("caption", "Users"))
    # ruleid: python.xss
    return renderer.render(["alice", "bob"])


class FeedReader:
    def __init__(self, source):
        self.source = source
        self.http = requests.Session()

    def raw(self):
        # ruleid: python.ssrf
        return self.http.get(self.source, timeout=5).content


class LocalFeed:
    def __init__(self, name):
        self.name = name

    def raw(self):
        # ok: python.path-traversal
        return open(os.path.join("/srv/feeds", "latest.xml"), "rb").read()


def build_reader(form) -> FeedReader:
    return FeedReader(form.get("feed", "").strip())


def local_feed(form):
    if not form.get("name"):
        return None
    return LocalFeed(form["name"])


@app.post("/feeds/import")
def import_feed():
    # An object a factory of the file returns: its methods are followed as the class's.
    reader = build_reader(request.form)
    feed = local_feed(request.form)
    return reader.raw() + feed.raw()
