"""A tool runner: which executable runs is the question, not its arguments."""
import asyncio
import os
import pty
import subprocess
import sys
from subprocess import check_output as run_captured

from flask import Flask, jsonify, request

app = Flask(__name__)
TOOLS = {"git": "/usr/bin/git", "hg": "/usr/bin/hg"}
ALLOWED = {"uptime", "whoami"}


@app.route("/version")
def version():
    tool = request.args["tool"]
    # ruleid: python.untrusted-program
    out = subprocess.check_output([tool, "--version"])
    return out


@app.route("/version-mapped")
def version_mapped():
    tool = TOOLS.get(request.args["tool"], "/usr/bin/git")
    # ok: python.untrusted-program
    out = subprocess.check_output([tool, "--version"])
    return out


@app.route("/status")
def status():
    name = request.form.get("name", "")
    if name not in ALLOWED:
        return jsonify(error="unknown"), 400
    # ok: python.untrusted-program
    return subprocess.run(name, capture_output=True).stdout


@app.route("/status-unchecked")
def status_unchecked():
    name = request.form.get("name", "")
    command = name
    chosen = command
    # ruleid: python.untrusted-program
    return subprocess.run(chosen, capture_output=True).stdout


@app.route("/ping")
def ping():
    host = request.args["host"]
    # ok: python.untrusted-program
    return subprocess.run(["ping", "-c", "1", host], capture_output=True).stdout


@app.route("/replace")
def replace_process():
    target = request.json["binary"]
    # ruleid: python.untrusted-program
    os.execv(target, [target, "--serve"])


@app.route("/console")
def console():
    shell = request.headers.get("X-Shell")
    # ruleid: python.untrusted-program
    pty.spawn(shell)


@app.route("/console-fixed")
def console_fixed():
    # ok: python.untrusted-program
    pty.spawn("/bin/bash")


@app.route("/spawn")
def spawn():
    program = request.args.get("p")
    # ruleid: python.untrusted-program
    os.spawnlp(os.P_NOWAIT, program, program)


@app.route("/captured")
def captured():
    # ruleid: python.untrusted-program
    return run_captured((request.args["exe"], "-h"))


async def run_async(req):
    exe = (await req.json())["exe"]
    # ok: python.untrusted-program
    proc = await asyncio.create_subprocess_exec("/usr/bin/env", "--", exe)
    return await proc.wait()


def run_named(program):
    # ok: python.untrusted-program
    return subprocess.call(program)


def main():
    # ok: python.untrusted-program
    return subprocess.call(sys.argv[1])


# A `match` statement: any case's value may reach what follows it.
import sqlite3


def stats(request):
    conn = sqlite3.connect("stats.db")
    match request.args.get("kind"):
        case "daily":
            sql = "SELECT * FROM stats WHERE day = '%s'" % request.args["day"]
        case "weekly":
            sql = "SELECT * FROM stats_weekly"
        case _:
            sql = "SELECT * FROM stats LIMIT 100"
    # ruleid: python.sql-string-formatting
    return conn.execute(sql).fetchall()


def sorted_items(request):
    conn = sqlite3.connect("stats.db")
    match request.args.get("sort"):
        case "name":
            column = "name"
        case "date":
            column = "created_at"
        case _:
            column = "id"
    # ok: python.sql-string-formatting
    return conn.execute("SELECT * FROM items ORDER BY " + column).fetchall()


# A value chosen inside a loop that stops at it (`break`) is what the loop leaves behind.
def first_archive(request):
    cmd = "true"
    for name in request.args.getlist("archive"):
        if name.endswith(".tar"):
            cmd = "tar tf " + name
            break
    # ruleid: python.subprocess-shell
    return subprocess.call(cmd, shell=True)


def first_known(request):
    for name in request.args.getlist("tool"):
        if name not in ("make", "ninja"):
            continue
        # ok: python.subprocess-shell
        return subprocess.call(name + " --version", shell=True)
    return 0
