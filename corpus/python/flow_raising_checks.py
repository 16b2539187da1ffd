"""A check helper that raises unless its argument is safe: once the call returns, the argument
passed the check. A helper that only logs, or a check for another rule, vouches for nothing."""
import os
from types import SimpleNamespace

from flask import Flask, redirect, request, send_file

app = Flask(__name__)
ROOT = "/srv/files"


def check_name(name):
    """Refuse names that leave the folder."""
    if ".." in name or name.startswith("/"):
        raise ValueError("bad name")


def note(name):
    print("serving", name)


@app.get("/file")
def file():
    name = request.args["name"]
    check_name(name)
    # ok: python.path-traversal
    return send_file(os.path.join(ROOT, name))


@app.get("/file/logged")
def file_logged():
    name = request.args["name"]
    note(name)
    # ruleid: python.path-traversal
    return send_file(os.path.join(ROOT, name))


@app.get("/file/late")
def file_late():
    name = request.args["name"]
    # ruleid: python.path-traversal
    data = send_file(os.path.join(ROOT, name))
    check_name(name)
    return data


@app.get("/go")
def go():
    target = request.args["next"]
    check_name(target)
    # ruleid: python.open-redirect
    return redirect(target)


def check_job(job):
    if ".." in job.filename or job.filename.startswith("/"):
        raise ValueError("bad file name")


@app.post("/jobs")
def jobs():
    # ruleid: python.mass-assignment
    job = SimpleNamespace(**request.get_json())
    check_job(job)
    # ok: python.path-traversal
    return send_file(os.path.join(ROOT, job.filename))


@app.post("/jobs/report")
def job_report():
    # ruleid: python.mass-assignment
    job = SimpleNamespace(**request.get_json())
    check_job(job)
    # ruleid: python.path-traversal
    return send_file(os.path.join(ROOT, job.report))
