"""Feed and invoice import endpoints (Flask and aiohttp) that parse XML with lxml: request bodies and
model answers parsed with the default parser, next to twins that parse bundled constants, use
defusedxml or the standard library."""
import xml.etree.ElementTree as StdTree

from aiohttp import web
from defusedxml.lxml import fromstring as safe_fromstring
from flask import Flask, request
from lxml import etree
from lxml import etree as ET
from lxml.etree import fromstring as parse_xml
from openai import OpenAI
from starlette.requests import Request
from starlette.responses import PlainTextResponse

app = Flask(__name__)
llm = OpenAI()
EMPTY_FEED = b"<feed/>"
HARDENED = etree.XMLParser(resolve_entities=False, no_network=True)


def body_bytes(raw):
    return raw.strip()


@app.post("/feeds")
def import_feed():
    # ruleid: python.xxe
    doc = etree.fromstring(request.data)
    return str(len(doc))


@app.post("/feeds-hardened")
def import_feed_hardened():
    # ok: python.xxe
    doc = etree.fromstring(request.data, HARDENED)
    return str(len(doc))


@app.post("/feeds-defused")
def import_feed_defused():
    # ok: python.xxe
    doc = safe_fromstring(request.data)
    return str(len(doc))


@app.post("/invoices")
def import_invoice():
    first = request.get_data()
    second = first.replace(b"\r\n", b"\n")
    third = body_bytes(second)
    # ruleid: python.xxe
    doc = ET.XML(third)
    return doc.findtext("total")


@app.post("/invoices-template")
def import_invoice_template():
    first = EMPTY_FEED
    second = first.replace(b"\r\n", b"\n")
    third = second
    # ok: python.xxe
    doc = ET.XML(third)
    return doc.findtext("total")


@app.post("/invoices-std")
def import_invoice_std():
    # ok: python.xxe
    # ruleid: python.xml-entity-expansion
    doc = StdTree.fromstring(request.get_data())
    return doc.findtext("total")


async def upload(request: Request):
    async with request.form() as form:
        raw = await form["file"].read()
        # ruleid: python.xxe
        tree = parse_xml(raw)
    return PlainTextResponse(tree.tag)


async def upload_empty(request: Request):
    async with request.form() as form:
        raw = EMPTY_FEED if form else EMPTY_FEED
        # ok: python.xxe
        tree = parse_xml(raw)
    return PlainTextResponse(tree.tag)


async def upload_aiohttp(request: web.Request):
    raw = await request.read()
    # ruleid: python.xxe
    return web.Response(text=parse_xml(raw).tag)


def sitemap_from_model(site):
    reply = llm.chat.completions.create(
        model="gpt-4o-mini", messages=[{"role": "user", "content": f"Sitemap XML for {site}"}]
    )
    # ruleid: python.xxe
    return etree.fromstring(reply.choices[0].message.content.encode())


# A parser configured in a variable: the finding belongs where the uploaded document meets it.
@app.post("/catalog")
def import_catalog():
    # ruleid: python.lxml-xxe
    parser = etree.XMLParser(resolve_entities=True, no_network=True)
    # ruleid: python.xxe
    doc = etree.fromstring(request.data, parser)
    return str(len(doc))


@app.post("/catalog-hardened")
def import_catalog_hardened():
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: python.xxe
    doc = etree.fromstring(request.data, parser)
    return str(len(doc))


def bundled_catalog():
    # ruleid: python.lxml-xxe
    parser = etree.XMLParser(resolve_entities=True)
    # ok: python.xxe
    return ET.XML(EMPTY_FEED, parser)


async def catalog_upload(request: web.Request):
    raw = await request.read()
    # ruleid: python.xxe
    return web.Response(text=ET.parse(raw, RESOLVING).getroot().tag)


# ruleid: python.lxml-xxe
RESOLVING = etree.XMLParser(resolve_entities=True)
