"""Link previews and webhooks: outgoing requests whose URL may come from the caller."""
import httpx
import requests
import urllib.request
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}
PREVIEW_SERVICE = "https://preview.internal.example.com/render"


def fetch_preview(url):
    # ruleid: python.ssrf
    return requests.get(url, timeout=5).text


def fetch_fixed(path):
    # ok: python.ssrf
    return requests.get(PREVIEW_SERVICE, params={"path": path}, timeout=5).text


@app.route("/preview")
def preview():
    target = request.args["url"]
    # ruleid: python.ssrf
    page = requests.get(target, timeout=5)
    # ok: python.ssrf
    status = requests.get(PREVIEW_SERVICE, timeout=5)
    return page.text + str(status.status_code)


@app.route("/preview-chain")
def preview_chain():
    first = request.args.get("url", "")
    second = first.strip()
    third = second
    # ruleid: python.ssrf
    return requests.post(third, timeout=5).text


@app.route("/preview-helper")
def preview_helper():
    # Reported inside the helper, where the request is made.
    return fetch_preview(request.args["url"])


@app.route("/preview-fixed")
def preview_fixed():
    return fetch_fixed(request.args["path"])


@app.route("/preview-allowed")
def preview_allowed():
    host = request.args["host"]
    if host not in ALLOWED_HOSTS:
        abort(400)
    # ok: python.ssrf
    return requests.get(f"https://{host}/thumb.png", timeout=5).content


@app.route("/preview-guarded")
def preview_guarded():
    host = request.args["host"]
    if host in ALLOWED_HOSTS:
        # ok: python.ssrf
        return requests.get("https://" + host + "/thumb.png", timeout=5).content
    # ruleid: python.ssrf
    return requests.get("https://" + host + "/thumb.png", timeout=5).content


@app.route("/item")
def item_image():
    item_id = int(request.args["id"])
    # ok: python.ssrf
    return requests.get(f"https://cdn.example.com/items/{item_id}.png", timeout=5).content


@app.get("/proxy/{upstream}")
async def proxy(upstream: str, page: int):
    async with httpx.AsyncClient() as client:
        # ruleid: python.ssrf
        first = await client.get(upstream)
        # ok: python.ssrf
        second = await client.get(f"https://api.example.com/list?page={page}")
    return first.text + second.text


@app.post("/hooks")
async def register_hook(request):
    payload = await request.json()
    callback = payload["callback"]
    async with httpx.AsyncClient(timeout=5) as http:
        # ruleid: python.ssrf
        await http.post(callback, json={"ok": True})


def fetch_all(urls):
    pages = []
    for url in urls:
        # ok: python.ssrf
        pages.append(urllib.request.urlopen(url).read())
    return pages


def main():
    import sys
    pages = []
    for url in sys.argv[1:]:
        # The command line is its user's: a CLI fetching the URLs it is given is not SSRF.
        # ok: python.ssrf
        pages.append(urllib.request.urlopen(url).read())
    return pages


@app.get("/status-many")
def status_many():
    urls = request.args.getlist("url")
    # ruleid: python.ssrf
    codes = [requests.head(u, timeout=3).status_code for u in urls]
    return {"codes": codes}


@app.get("/status-many-known")
def status_many_known():
    hosts = request.args.getlist("host")
    # ok: python.ssrf
    codes = {h: requests.head(f"https://{h}/health", timeout=3).status_code for h in ALLOWED_HOSTS}
    return {"codes": codes, "asked": hosts}


@app.get("/status-many-allowed")
def status_many_allowed():
    # ok: python.ssrf
    return {"codes": [requests.head(f"https://{h}/health").status_code for h in request.args.getlist("host") if h in ALLOWED_HOSTS]}


@app.get("/status-many-any")
def status_many_any():
    hosts = request.args.getlist("host")
    # ruleid: python.ssrf
    return {"codes": list(requests.head(f"https://{h}/health").status_code for h in hosts if h)}
