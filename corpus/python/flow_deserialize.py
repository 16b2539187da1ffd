"""Session, cart and settings restore in a Flask + Starlette app: deserialisers fed request data or a
model's answer, next to twins that load only constants the program ships with."""
import base64
import marshal
import os
import pickle as pk
import shelve
from pickle import loads as unpickle

import jsonpickle
import yaml
from anthropic import Anthropic
from flask import Flask, request
from starlette.requests import Request

app = Flask(__name__)
claude = Anthropic()
DATA_DIR = os.path.join(os.path.dirname(__file__), "data")
EMPTY_STATE = b"\x80\x04\x95\x04\x00\x00\x00\x00\x00\x00\x00}\x94."
EMPTY_CART = '{"items": []}'
DEFAULT_SETTINGS = "theme: light\npage_size: 20\n"
BOOT_CODE = b"\xe3\x00\x00\x00"


def decode_cookie(blob):
    return base64.b64decode(blob)


@app.get("/restore")
def restore():
    # ruleid: python.pickle-load
    return str(pk.loads(base64.b64decode(request.cookies["state"])))


@app.get("/restore-default")
def restore_default():
    # ok: python.pickle-load
    return str(pk.loads(EMPTY_STATE))


@app.get("/restore-chain")
def restore_chain():
    first = request.cookies.get("state", "")
    second = first.encode()
    third = decode_cookie(second)
    # ruleid: python.pickle-load
    return str(unpickle(third))


@app.get("/restore-chain-default")
def restore_chain_default():
    first = EMPTY_STATE
    second = first
    third = second
    # ok: python.pickle-load
    return str(unpickle(third))


async def cart(request: Request):
    async with request.form() as form:
        blob = form["cart"]
        # ruleid: python.jsonpickle-decode
        return jsonpickle.decode(blob)


async def cart_empty(request: Request):
    async with request.form() as form:
        blob = EMPTY_CART if form else EMPTY_CART
        # ok: python.jsonpickle-decode
        return jsonpickle.decode(blob)


def settings_from_model(prompt):
    reply = claude.messages.create(
        model="claude-sonnet-4-5", max_tokens=300, messages=[{"role": "user", "content": prompt}]
    )
    text = reply.content[0].text
    # ruleid: python.yaml-unsafe-loader
    return yaml.load(text, Loader=yaml.Loader)


def settings_default():
    text = DEFAULT_SETTINGS
    # ok: python.yaml-unsafe-loader
    return yaml.load(text, Loader=yaml.Loader)


@app.get("/profile")
def profile():
    user = request.args["user"]
    # ruleid: python.shelve-open, python.path-traversal
    with shelve.open(f"/srv/shelves/{user}") as db:
        return db.get("profile", {})


@app.get("/profile-cache")
def profile_cache():
    # ok: python.shelve-open
    with shelve.open(os.path.join(DATA_DIR, "profiles")) as db:
        return db.get(request.args["user"], {})


@app.post("/hook")
def hook():
    code = request.get_data()
    # ruleid: python.marshal-load
    return str(marshal.loads(code))


def boot():
    code = BOOT_CODE
    # ok: python.marshal-load
    return marshal.loads(code)


# FullLoader: reported only for a document from the request (it ran code before PyYAML 5.4).
@app.post("/settings/import")
def import_settings():
    document = request.get_data(as_text=True)
    # ruleid: python.yaml-unsafe-loader
    return yaml.load(document, Loader=yaml.FullLoader)


@app.post("/settings/import-all")
def import_settings_all():
    body = request.files["settings"].read()
    # ruleid: python.yaml-unsafe-loader
    return list(yaml.full_load_all(body))


def settings_shipped():
    # ok: python.yaml-unsafe-loader
    return yaml.load(DEFAULT_SETTINGS, Loader=yaml.FullLoader)


@app.post("/settings/import-safe")
def import_settings_safe():
    document = request.get_data(as_text=True)
    # ok: python.yaml-unsafe-loader
    return yaml.safe_load(document)
