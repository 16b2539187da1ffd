import xml.sax
from xml.sax.handler import feature_external_ges, feature_namespaces

import defusedxml.ElementTree as SafeET
from lxml import etree
from flask import Flask, request

app = Flask(__name__)


@app.post("/import")
def import_catalog():
    # ruleid: python.lxml-xxe
    parser = etree.XMLParser(resolve_entities=True)
    # ruleid: python.xxe
    root = etree.fromstring(request.data, parser)
    return {"items": len(root)}


@app.post("/import/safe")
def import_catalog_safe():
    # ok: python.lxml-xxe
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    # ok: python.xxe
    root = etree.fromstring(request.data, parser)
    return {"items": len(root)}


def parse_feed(data):
    # ruleid: python.lxml-xxe
    parser = etree.XMLParser(load_dtd=True, no_network=False)
    return etree.fromstring(data, parser)


def stream_records(fh):
    # ruleid: python.lxml-xxe
    for _, elem in etree.iterparse(fh, events=("end",), resolve_entities=True):
        yield elem.tag


def parse_with_defused(data):
    # ok: python.lxml-xxe
    return SafeET.fromstring(data)


def parse_huge(data):
    # ok: python.lxml-xxe
    # ruleid: python.lxml-huge-tree
    parser = etree.XMLParser(huge_tree=True, remove_blank_text=True)
    return etree.fromstring(data, parser)


class CountingHandler(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.count = 0

    def startElement(self, name, attrs):
        self.count += 1


def count_elements(upload):
    parser = xml.sax.make_parser()
    # ruleid: python.sax-external-entities
    parser.setFeature(feature_external_ges, True)
    handler = CountingHandler()
    parser.setContentHandler(handler)
    parser.parse(upload)
    return handler.count


def count_elements_pes(upload):
    parser = xml.sax.make_parser()
    # ruleid: python.sax-external-entities
    parser.setFeature(xml.sax.handler.feature_external_pes, 1)
    parser.parse(upload)


def count_elements_safe(upload):
    parser = xml.sax.make_parser()
    # ok: python.sax-external-entities
    parser.setFeature(feature_external_ges, False)
    # ok: python.sax-external-entities
    parser.setFeature(feature_namespaces, True)
    parser.parse(upload)


def count_elements_zero(upload):
    parser = xml.sax.make_parser()
    # ok: python.sax-external-entities
    parser.setFeature(xml.sax.handler.feature_external_ges, 0)
    parser.parse(upload)


def parse_big_feed(stream):
    # ruleid: python.lxml-huge-tree
    for _event, elem in etree.iterparse(stream, huge_tree=True):
        yield elem


def parse_feed_limited(stream):
    # ok: python.lxml-huge-tree
    for _event, elem in etree.iterparse(stream, huge_tree=False):
        yield elem


def parse_default(data):
    # ok: python.lxml-huge-tree
    return etree.fromstring(data, etree.XMLParser(remove_blank_text=True))


# Parser options kept in a dict and spread into the parser.
ENTITY_OPTIONS = dict(dtd_validation=True, load_dtd=True, resolve_entities=True)
HARDENED_OPTIONS = {"resolve_entities": False, "no_network": True}


def parse_with_entities(raw):
    # ruleid: python.lxml-xxe
    return etree.fromstring(raw, parser=etree.XMLParser(**ENTITY_OPTIONS))


def parse_hardened(raw):
    # ok: python.lxml-xxe
    return etree.fromstring(raw, parser=etree.XMLParser(**HARDENED_OPTIONS))
