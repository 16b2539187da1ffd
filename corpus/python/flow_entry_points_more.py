# Untrusted values entering through doors other than a web route: Cloud Functions, Lambda
# responses, RQ jobs, python-socketio and Slack Bolt handlers, Litestar bodies, Pyramid views.
import html
import os
import re
import urllib.request

import aiohttp
import functions_framework
import socketio
from litestar import post
from pyramid.response import FileResponse
from pyramid.view import view_config
from redis import Redis
from rq import Queue
from slack_bolt import App

queue = Queue("feeds", connection=Redis())
sio = socketio.AsyncServer(async_mode="aiohttp")
app = App(token=os.environ["SLACK_BOT_TOKEN"])
ALLOWED_FEEDS = {"https://blog.example.com/rss"}


@functions_framework.http
def greet(request):
    name = request.args.get("name", "friend")
    # ruleid: python.xss
    return f"<h1>Hello {name}</h1>"


@functions_framework.http
def greet_escaped(request):
    name = request.args.get("name", "friend")
    # ok: python.xss
    return f"<h1>Hello {html.escape(name)}</h1>"


def shortlink(event, context):
    target = event["queryStringParameters"]["u"]
    # ruleid: python.open-redirect
    return {"statusCode": 302, "headers": {"Location": target}}


def home(event, context):
    campaign = event["queryStringParameters"]["c"]
    # ok: python.open-redirect
    return {"statusCode": 302, "headers": {"Location": "/welcome", "X-Campaign": campaign}}


def import_feed(subscription):
    feed_url = subscription["feed_url"]
    # ruleid: python.ssrf
    with urllib.request.urlopen(feed_url, timeout=15) as resp:
        return resp.read(1_000_000)


def import_known_feed(subscription):
    feed_url = subscription["feed_url"]
    if feed_url not in ALLOWED_FEEDS:
        raise ValueError("unknown feed")
    # ok: python.ssrf
    with urllib.request.urlopen(feed_url, timeout=15) as resp:
        return resp.read(1_000_000)


def enqueue(feed_url):
    queue.enqueue(import_feed, {"feed_url": feed_url})
    queue.enqueue(import_known_feed, {"feed_url": feed_url})


@sio.on("unfurl")
async def unfurl(sid, data):
    async with aiohttp.ClientSession() as session:
        # ruleid: python.ssrf
        async with session.get(data["url"]) as resp:
            return await resp.text()


@sio.on("page")
async def page(sid, data):
    number = int(data.get("page", 1))
    async with aiohttp.ClientSession() as session:
        # ok: python.ssrf
        async with session.get(f"https://api.example.com/items?page={number}") as resp:
            return await resp.text()


@app.command("/grep")
def grep_command(ack, command, respond):
    ack()
    # ruleid: python.regex-injection
    hits = [line for line in open("/srv/motd.txt") if re.search(command["text"], line)]
    respond("\n".join(hits[:5]))


@app.command("/find")
def find_command(ack, command, respond):
    ack()
    # ok: python.regex-injection
    hits = [line for line in open("/srv/motd.txt") if re.search(re.escape(command["text"]), line)]
    respond("\n".join(hits[:5]))


@post("/users/find")
async def find_user(data: dict) -> dict:
    # ruleid: python.nosql-operator-injection
    return await users.find_one({"email": data.get("email")})


@post("/users/find-by-name")
async def find_user_by_name(data: dict) -> dict:
    # ok: python.nosql-operator-injection
    return await users.find_one({"email": str(data.get("email"))})


@view_config(route_name="report")
def report(request):
    name = request.params.get("file", "summary.pdf")
    # ruleid: python.path-traversal
    return FileResponse(os.path.join("/srv/reports", name), request=request)


@view_config(route_name="report_safe")
def report_safe(request):
    name = os.path.basename(request.params.get("file", "summary.pdf"))
    # ok: python.path-traversal
    return FileResponse(os.path.join("/srv/reports", name), request=request)
