"""Fields of a request model that pydantic validates: one typed with an enum of this file or a
number holds no text of the caller's; one typed `str` does."""
from enum import Enum
from typing import Optional

import httpx
from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Region(str, Enum):
    eu = "eu.api.internal"
    us = "us.api.internal"


class Lookup(BaseModel):
    region: Region
    page: Optional[int] = None
    mirror: str


@app.post("/lookup")
async def lookup(body: Lookup):
    async with httpx.AsyncClient() as client:
        # ok: python.ssrf
        r = await client.get(f"https://{body.region.value}/items?page={body.page}")
    return r.json()


@app.post("/lookup/mirror")
async def lookup_mirror(body: Lookup):
    async with httpx.AsyncClient() as client:
        # ruleid: python.ssrf
        r = await client.get(f"https://{body.mirror}/items")
    return r.json()
