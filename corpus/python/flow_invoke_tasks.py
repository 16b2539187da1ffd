"""Invoke runs its command line through the local shell."""
import shlex

from flask import Flask, request
from invoke import Context, run

app = Flask(__name__)


@app.post("/workspaces/clean")
def clean_workspace():
    workspace = request.form["workspace"]
    # ruleid: python.os-system
    run(f"find /mnt/workspaces/{workspace} -type f -mtime +7 -delete", hide=True)
    # ok: python.os-system
    run(f"find /mnt/workspaces/{shlex.quote(workspace)} -type f -mtime +7 -delete", hide=True)
    return "ok"


@app.post("/workspaces/archive")
def archive_workspace():
    ctx = Context()
    name = request.form["name"]
    # ruleid: python.os-system
    ctx.run("tar czf /srv/archive.tgz " + name)
    # ok: python.os-system
    ctx.run("tar czf /srv/archive.tgz /mnt/workspaces")
    return "ok"
