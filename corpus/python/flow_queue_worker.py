# A handler puts request data on a queue; a worker thread takes it off with `get()` and runs it,
# also when the queue is held in a mapping (`state["hooks"]`). A mapping's `get(key)` is no
# queue's. A library function or method handed to `asyncio.to_thread` is its sink.
import asyncio
import os
import queue
import subprocess
import threading
from pathlib import Path

import requests

from flask import Flask, request

app = Flask(__name__)
jobs = queue.Queue()
app.config["hooks"] = queue.Queue()
SETTINGS = {"cmd": "uptime", "url": "https://status.example.com/ping"}
REPORTS = Path("/srv/reports")


def worker():
    while True:
        command = jobs.get()
        # ruleid: python.subprocess-shell
        subprocess.run(command, shell=True)
        fixed = SETTINGS.get("cmd")
        # ok: python.subprocess-shell
        subprocess.run(fixed, shell=True)
        jobs.task_done()


def notifier(state):
    while True:
        url = state["hooks"].get(timeout=30)
        # ruleid: python.ssrf
        requests.post(url, json={"ok": True}, timeout=5)
        status = SETTINGS.get("url")
        # ok: python.ssrf
        requests.get(status, timeout=5)


threading.Thread(target=worker, daemon=True).start()
threading.Thread(target=notifier, args=(app.config,), daemon=True).start()


@app.post("/run")
def run():
    jobs.put(request.form["cmd"])
    app.config["hooks"].put_nowait(request.form["callback"])
    return "queued"


@app.post("/report")
async def report():
    name = request.form["name"]
    # ruleid: python.path-traversal
    await asyncio.to_thread((REPORTS / name).write_text, "pending")
    # ok: python.path-traversal
    await asyncio.to_thread((REPORTS / "latest.txt").write_text, name)
    # ruleid: python.os-system
    await asyncio.to_thread(os.system, request.form["cmd"])
    # ok: python.os-system
    await asyncio.to_thread(os.system, "uptime")
    return "ok"
