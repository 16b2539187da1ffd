"""FastAPI routes whose inputs arrive through dependencies and body models."""
from pathlib import Path
from typing import Annotated

import httpx
import requests
from fastapi import Depends, FastAPI, Header, Query
from pydantic import BaseModel

app = FastAPI()
REPORTS = Path("/srv/reports")
PARTNER_API = "https://partner.example.com/v1/status"


class WebhookTest(BaseModel):
    url: str
    secret: str


def target_url(url: str = Query(..., description="address to preview")):
    return url.strip()


def report_name(x_report: str = Header(...)):
    return x_report


def pagination(page: int = 1, size: int = 20):
    return {"page": page, "size": size}


def partner_endpoint():
    return PARTNER_API


def search_filters(q: str, owner: str | None = None):
    return {"q": q, "owner": owner}


def report_path(name: Annotated[str, Depends(report_name)]):
    return REPORTS / name


@app.get("/preview")
def preview(url: str = Depends(target_url)):
    # ruleid: python.ssrf
    return requests.get(url, timeout=5).text


@app.get("/reports")
def read_report(name: Annotated[str, Depends(report_name)]):
    # ruleid: python.path-traversal
    return (REPORTS / name).read_text()


@app.get("/reports/nested")
def read_nested(path: Path = Depends(report_path)):
    # ruleid: python.path-traversal
    return open(path).read()


@app.get("/search")
async def search(filters: dict = Depends(search_filters)):
    async with httpx.AsyncClient() as client:
        # ruleid: python.ssrf
        reply = await client.get(filters["owner"])
    return reply.json()


@app.get("/partner")
def partner(endpoint: str = Depends(partner_endpoint)):
    # ok: python.ssrf
    return requests.get(endpoint, timeout=5).json()


@app.get("/items")
def items(paging: dict = Depends(pagination)):
    # ok: python.path-traversal
    return open(REPORTS / f"items-{paging['page']}.json").read()


@app.post("/webhooks/test")
def webhook_test(body: WebhookTest):
    # ruleid: python.ssrf
    return requests.post(body.url, json={"ping": True}, timeout=5).status_code


@app.post("/webhooks/partner")
def webhook_partner(body: WebhookTest):
    # ok: python.ssrf
    return requests.post(PARTNER_API, json={"secret": body.secret}, timeout=5).status_code
