# HTTP clients held in variables whose names say nothing: the constructor that made them does.
import httpx
import redis
import requests
from flask import Flask, request

app = Flask(__name__)
cache = redis.Redis()


@app.post("/hook")
async def hook():
    async with httpx.AsyncClient(timeout=3) as c:
        # ruleid: python.ssrf
        await c.post(request.json["callback"])
        # ok: python.ssrf
        await c.post("https://hooks.example.com/sent", json={"to": request.json["callback"]})
    return "ok"


@app.get("/pull")
def pull():
    s = requests.Session()
    # ruleid: python.ssrf
    return s.get(request.args["feed"], timeout=5).text


@app.get("/cached")
def cached():
    r = redis.Redis()
    # ok: python.ssrf
    return r.get(request.args["key"]) or ""
