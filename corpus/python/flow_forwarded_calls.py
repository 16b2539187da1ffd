"""Functions run by a call they are handed to, with the arguments after them: on a worker
thread (`asyncio.to_thread`, `loop.run_in_executor`, an executor's `submit`) or after the
response (`background_tasks.add_task`). What their parameters reach is reported inside them, as
for a direct call."""
import asyncio
import subprocess
from concurrent.futures import ThreadPoolExecutor

import requests
import tornado.ioloop
import tornado.web
from fastapi import BackgroundTasks, FastAPI, WebSocket

app = FastAPI()
pool = ThreadPoolExecutor(max_workers=4)
AUDIT = "https://audit.example.com/events"


def tail(path, lines):
    # ruleid: python.path-traversal
    with open(path, encoding="utf-8") as f:
        return f.readlines()[-lines:]


def tail_named(name, lines):
    # ok: python.path-traversal
    with open("/var/log/app/current.log", encoding="utf-8") as f:
        return [line for line in f.readlines()[-lines:] if name in line]


def ping(host):
    # ruleid: python.subprocess-shell
    return subprocess.run("ping -c 1 " + host, shell=True, capture_output=True).stdout


def notify(url, body):
    # ruleid: python.ssrf
    requests.post(url, json=body, timeout=5)


def audit(body):
    # ok: python.ssrf
    requests.post(AUDIT, json=body, timeout=5)


@app.websocket("/logs")
async def logs(ws: WebSocket):
    await ws.accept()
    path = await ws.receive_text()
    lines = await asyncio.to_thread(tail, path, 50)
    mine = await asyncio.to_thread(tail_named, path, 50)
    await ws.send_json({"lines": lines, "mine": mine})


@app.get("/ping")
async def ping_host(host: str):
    loop = asyncio.get_running_loop()
    out = await loop.run_in_executor(None, ping, host)
    pool.submit(audit, {"host": host})
    return {"out": out.decode()}


@app.post("/hooks")
async def hooks(url: str, tasks: BackgroundTasks):
    tasks.add_task(notify, url, {"ok": True})
    tasks.add_task(audit, {"url": url})
    return {"queued": True}


class CallbackHandler(tornado.web.RequestHandler):
    """Tornado runs `self._complete(url)` on the next turn of the loop."""

    def post(self):
        url = self.request.headers.get("X-Callback-Url", "")
        tornado.ioloop.IOLoop.current().add_callback(self._complete, url)
        tornado.ioloop.IOLoop.current().add_callback(self._audit, {"url": url})

    def _complete(self, url):
        # ruleid: python.ssrf
        requests.post(url, json={"done": True}, timeout=5)

    def _audit(self, body):
        # ok: python.ssrf
        requests.post(AUDIT, json=body, timeout=5)
