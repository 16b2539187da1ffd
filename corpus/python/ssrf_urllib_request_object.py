import urllib.request

from flask import Flask, request

app = Flask(__name__)
FEED_URL = "https://feeds.example.com/latest.xml"


@app.post("/import")
def import_image():
    url = request.form["image_url"]
    req = urllib.request.Request(url, headers={"User-Agent": "importer/1.0"})
    # ruleid: python.ssrf
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.read()


@app.post("/mirror")
def mirror():
    target = request.args.get("target", "")
    opener = urllib.request.build_opener()
    opener.addheaders = [("User-Agent", "mirror/2.0")]
    # ruleid: python.ssrf
    return opener.open(urllib.request.Request(target)).read()


@app.get("/feed")
def feed():
    req = urllib.request.Request(FEED_URL, headers={"Accept": "application/xml"})
    # ok: python.ssrf
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.read()


@app.get("/feed-again")
def feed_again():
    opener = urllib.request.build_opener()
    # ok: python.ssrf
    return opener.open(urllib.request.Request(FEED_URL)).read()
