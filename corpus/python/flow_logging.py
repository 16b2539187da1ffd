"""Audit logging in a small Flask + Starlette service: request data and model answers that reach the
message of a log call, next to twins that log the same value as an argument, escaped or constant."""
import json
import logging
import logging as log
from logging import warning as warn_about

from flask import Flask, request
from openai import OpenAI
from starlette.requests import Request

app = Flask(__name__)
logger = logging.getLogger(__name__)
llm = OpenAI()
SERVICE = "billing"


@app.post("/login")
def login():
    user = request.form["user"]
    # ruleid: python.log-injection
    logger.warning(f"failed login for {user}")
    return "no", 401


@app.post("/login-args")
def login_args():
    user = request.form["user"]
    # ok: python.log-injection
    logger.warning("failed login for %s", user)
    return "no", 401


@app.post("/login-escaped")
def login_escaped():
    user = request.form["user"].replace("\r", "\\r").replace("\n", "\\n")
    # ok: python.log-injection
    logger.warning(f"failed login for {user}")
    return "no", 401


@app.get("/export")
def export():
    first = request.args.get("format", "csv")
    second = "format=" + first
    third = second.upper()
    # ruleid: python.log-injection
    logging.info("export requested: " + third)
    return "queued"


@app.get("/export-default")
def export_default():
    first = SERVICE
    second = "format=" + first
    third = second.upper()
    # ok: python.log-injection
    logging.info("export requested: " + third)
    return "queued"


def audit(action, subject):
    # ruleid: python.log-injection
    app.logger.info(f"{action}: {subject}")


def audit_args(action, subject):
    # ok: python.log-injection
    app.logger.info("%s: %s", action, subject)


@app.delete("/items/<item>")
def delete_item(item):
    audit("delete", item)
    return "", 204


@app.delete("/items-json/<item>")
def delete_item_json(item):
    audit("delete", json.dumps(item))
    audit_args("delete", item)
    return "", 204


async def upload(request: Request):
    async with request.form() as form:
        name = form["filename"]
        # ruleid: python.log-injection
        log.error("upload rejected: %s" % name)
    return None


async def upload_counted(request: Request):
    async with request.form() as form:
        name = len(form["filename"])
        # ok: python.log-injection
        log.error("upload rejected: %s" % name)
    return None


@app.get("/ping")
def ping():
    host = request.args["host"]
    # ruleid: python.log-injection
    warn_about("ping to " + host + " failed")
    # ok: python.log-injection
    warn_about("ping to %s failed", host)
    # ok: python.log-injection
    warn_about("ping to " + repr(host) + " failed")
    return "pong"


def summarise(ticket):
    reply = llm.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": ticket}]
    )
    summary = reply.choices[0].message.content
    # ruleid: python.log-injection
    logger.info(f"ticket summary: {summary}")
    # ok: python.log-injection
    logger.info("ticket summary: %s", summary)
    # ok: python.log-injection
    logging.log(logging.INFO, "ticket summary: %s", summary)
    # ruleid: python.log-injection
    logging.log(logging.INFO, "ticket summary: " + summary)
    return summary


@app.get("/reports/<name>")
def report(name):
    # ruleid: python.log-injection
    logging.getLogger("reports").info("report %s requested" % name)
    # ok: python.log-injection
    logging.getLogger("reports").info("report %s requested", name)
    return name


def main():
    """The service's maintenance command: whoever runs it writes its arguments and reads its log."""
    import argparse
    import sys

    args = argparse.ArgumentParser().parse_args()
    # ok: python.log-injection
    logger.info(f"rebuilding index {args.index}")
    answer = input("continue? ")
    # ok: python.log-injection
    logger.info(f"operator answered {answer}")
    # ok: python.log-injection
    logger.info("started as " + " ".join(sys.argv))


audit = logging.getLogger("audit")


@app.route("/login-audit", methods=["POST"])
def login_audit():
    username = request.form["username"]
    # ruleid: python.log-injection
    audit.warning("failed login for user " + username)
    # ok: python.log-injection
    audit.warning("failed login for user %r", username)
    return "", 401
