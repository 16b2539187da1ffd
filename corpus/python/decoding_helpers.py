"""A filter decoded by a helper of a helper: `json.loads` of request data is an object again."""
import json

from fastapi import FastAPI, Request
from motor.motor_asyncio import AsyncIOMotorClient

app = FastAPI()
db = AsyncIOMotorClient("mongodb://db").catalogue


def _decode(value):
    try:
        return json.loads(value)
    except ValueError:
        return value


def build_filter(params):
    return {key: _decode(value) for key, value in params.items() if key != "page"}


def build_text_filter(params):
    return {key: str(_decode(value)) for key, value in params.items()}


@app.get("/products")
async def list_products(request: Request):
    query = build_filter(request.query_params)
    # ruleid: python.nosql-operator-injection
    return await db.products.find(query).to_list(50)


@app.get("/products/plain")
async def list_plain_products(request: Request):
    query = build_text_filter(request.query_params)
    # ok: python.nosql-operator-injection
    return await db.products.find(query).to_list(50)
