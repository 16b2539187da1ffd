"""Values from a request given to tools that parse options: git, tar, ssh, curl."""
import asyncio
import subprocess
import sys
from pathlib import Path

from flask import Flask, request

app = Flask(__name__)
MIRROR = "/srv/git/site.git"
STATUS_BASE = "https://status.example.com/components/"
SSH_OPTIONS = ["-o", "BatchMode=yes"]


def git(*args):
    # ruleid: python.argument-injection
    return subprocess.check_output(["git", "--git-dir", MIRROR, *args], text=True)


@app.get("/log")
def log():
    rev = request.args.get("rev", "main")
    return git("log", "--oneline", rev)


@app.get("/log/safe")
def log_after_options():
    rev = request.args.get("rev", "main")
    # ok: python.argument-injection
    return subprocess.check_output(["git", "--git-dir", MIRROR, "log", "--", rev], text=True)


@app.get("/uptime")
def uptime():
    login = request.args.get("as", "ops")
    target = f"{login}@10.0.1.11"
    # ruleid: python.argument-injection
    argv = ["ssh", *SSH_OPTIONS, target, "uptime"]
    return subprocess.run(argv, capture_output=True, text=True).stdout


@app.get("/branch")
def branch_log():
    name = request.args["branch"]
    # ok: python.argument-injection
    return subprocess.check_output(["git", "--git-dir", MIRROR, "log", f"refs/heads/{name}"])


@app.get("/status")
def status():
    component = request.args["component"]
    url = STATUS_BASE + component
    # ok: python.argument-injection
    return subprocess.run(["curl", "-sS", "--max-time", "5", url], capture_output=True).stdout


@app.post("/unpack")
async def unpack():
    member = request.form["member"]
    # ruleid: python.argument-injection
    proc = await asyncio.create_subprocess_exec(
        "tar", "-xzf", "/srv/incoming/bundle.tgz", member
    )
    return str(await proc.wait())


def main():
    # ok: python.argument-injection
    subprocess.run(["tar", "-xzf", sys.argv[1], "-C", str(Path.cwd())])
