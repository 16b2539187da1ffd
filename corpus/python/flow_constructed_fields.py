"""An object built by a constructor of the file knows what each field holds, as its caller
passed it: a method reading the field the caller checked or converted is not tainted by another
field."""
import requests
from flask import Flask, request

app = Flask(__name__)
REGIONS = {"eu", "us"}


class Mirror:
    def __init__(self, region, note):
        self.region = region
        self.note = note

    def status_url(self):
        return f"https://{self.region}/status"


class Feed:
    def __init__(self, url, label):
        self.url = url
        self.label = label

    def source(self):
        return self.url


@app.get("/mirror")
def mirror():
    region = request.args["region"]
    if region not in REGIONS:
        return "unknown region", 400
    # ok: python.ssrf
    return requests.get(Mirror(f"{region}.mirror.example.com", request.args["note"]).status_url()).text


@app.get("/mirror/any")
def mirror_any():
    # ruleid: python.ssrf
    return requests.get(Mirror(request.args["host"], "checked").status_url()).text


@app.get("/feed")
def feed():
    feed = Feed("https://status.example.com/feed.xml", request.args["label"])
    # ok: python.ssrf
    return requests.get(feed.source(), timeout=5).text


@app.get("/feed/any")
def feed_any():
    feed = Feed(request.args["url"], "custom")
    # ruleid: python.ssrf
    return requests.get(feed.source(), timeout=5).text
