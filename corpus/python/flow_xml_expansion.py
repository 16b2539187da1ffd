"""XML uploads parsed with the standard library (expat): entity expansion, not XXE."""
import xml.etree.ElementTree as ET
from xml.dom import minidom
from xml.dom.minidom import parseString

import defusedxml.minidom
from flask import Flask, request

app = Flask(__name__)
DEFAULT_FEED = "<feed><title>News</title></feed>"


@app.post("/feeds")
def import_feed():
    # ruleid: python.xml-entity-expansion
    doc = minidom.parseString(request.data)
    return doc.documentElement.tagName


@app.post("/feeds/safe")
def import_feed_safely():
    # ok: python.xml-entity-expansion
    doc = defusedxml.minidom.parseString(request.data)
    return doc.documentElement.tagName


@app.post("/orders")
def import_orders():
    body = request.get_data()
    text = body.decode("utf-8")
    # ruleid: python.xml-entity-expansion
    root = ET.fromstring(text)
    return str(len(root))


def titles(document):
    # ruleid: python.xml-entity-expansion
    dom = parseString(document)
    return [node.firstChild.data for node in dom.getElementsByTagName("title")]


@app.post("/titles")
def list_titles():
    return {"titles": titles(request.form["xml"])}


@app.get("/default")
def default_feed():
    # ok: python.xml-entity-expansion
    doc = parseString(DEFAULT_FEED)
    return doc.toxml()


@app.post("/upload")
def upload():
    upload = request.files["file"]
    # ruleid: python.xml-entity-expansion
    tree = ET.parse(upload.stream)
    return tree.getroot().tag
