"""Sources outside a web framework's request object: a Lambda event, an Azure Functions request,
GraphQL resolver arguments, a gRPC message, websocket and queue messages, e-mail."""
import email
import os
import re
import subprocess
from enum import Enum
from pathlib import Path

import azure.functions as func
import httplib2
import requests
import strawberry
from ariadne import QueryType
from channels.generic.websocket import AsyncWebsocketConsumer
from fabric import Connection
from kafka import KafkaConsumer
from litestar import get
from litestar.response import File

LOGS = Path("/var/log/jobs")
REPORTS = Path("/srv/reports")
http = httplib2.Http(timeout=10)


def handler(event, context):
    params = event.get("queryStringParameters") or {}
    # ruleid: python.ssrf
    requests.get(params["src"], timeout=5)
    # ok: python.ssrf
    requests.get("https://thumbs.internal/health", timeout=5)
    return {"statusCode": 204}


def main(req: func.HttpRequest) -> func.HttpResponse:
    name = req.get_json().get("name", "")
    if req.params.get("plain"):
        # ok: python.xss
        return func.HttpResponse(f"Hello {name}", mimetype="text/plain")
    # ruleid: python.xss
    return func.HttpResponse(f"<h1>Hello {name}</h1>", mimetype="text/html")


query = QueryType()


@query.field("logs")
def resolve_logs(_, info, pattern, limit: int = 20):
    # ruleid: python.regex-injection
    matcher = re.compile(pattern)
    # ok: python.regex-injection
    fixed = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    return [matcher, fixed, limit]


@strawberry.type
class Mutation:
    @strawberry.mutation
    def restart(self, host: str, unit: str) -> str:
        # ruleid: python.subprocess-shell
        subprocess.run(f"ssh {host} systemctl restart {unit}", shell=True)
        # ok: python.subprocess-shell
        # ruleid: python.argument-injection
        subprocess.run(["ssh", host, "systemctl", "restart", unit])
        return "ok"


class ReportService:
    def Fetch(self, request, context):
        # ruleid: python.path-traversal
        data = open(REPORTS / request.name).read()
        # ok: python.path-traversal
        summary = open(REPORTS / "summary.txt").read()
        return data + summary


class TailConsumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        # ruleid: python.path-traversal
        with open(os.path.join(LOGS, text_data)) as fh:
            await self.send(fh.read())
        # ok: python.path-traversal
        with open(os.path.join(LOGS, os.path.basename(text_data))) as fh:
            await self.send(fh.read())


def deliver_all():
    for message in KafkaConsumer("deliveries", bootstrap_servers="kafka:9092"):
        callback = message.value.decode()
        # ruleid: python.ssrf
        http.request(callback, method="POST", body=b"{}")
        # ok: python.ssrf
        http.request("https://hooks.internal/delivered", method="POST", body=b"{}")


@query.field("deploy")
def resolve_deploy(_, info, branch):
    with Connection("staging.internal", user="deploy") as c:
        # ok: python.os-system
        c.run("git fetch --all --prune")
        # ruleid: python.os-system
        c.run(f"git checkout {branch}")


def save_attachments(raw: bytes, folder: Path):
    msg = email.message_from_bytes(raw)
    for part in msg.iter_attachments():
        name = part.get_filename()
        # ruleid: python.path-traversal
        (folder / name).write_bytes(part.get_payload(decode=True))
        # ok: python.path-traversal
        (folder / os.path.basename(name)).write_bytes(part.get_payload(decode=True))


class ReportKind(str, Enum):
    revenue = "revenue"
    churn = "churn"


@get("/reports/{kind:str}/{name:str}")
async def report(kind: ReportKind, name: str) -> File:
    if name == "latest":
        # ok: python.path-traversal
        return File(path=REPORTS / kind.value / "latest.pdf")
    # ruleid: python.path-traversal
    return File(path=REPORTS / kind.value / name)
