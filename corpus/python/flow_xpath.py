"""A product catalogue kept in XML and queried with lxml."""
from flask import Flask, request
from lxml import etree

app = Flask(__name__)
catalogue = etree.parse("catalogue.xml")
BY_SKU = etree.XPath("//product[@sku=$sku]")


def products_named(name):
    # ruleid: python.xpath-injection
    return catalogue.xpath("//product[name='" + name + "']/price/text()")


@app.route("/price")
def price():
    return str(products_named(request.args["name"]))


@app.route("/price/bound")
def price_bound():
    name = request.args["name"]
    # ok: python.xpath-injection
    return str(catalogue.xpath("//product[name=$name]/price/text()", name=name))


@app.route("/category")
def category():
    root = catalogue.getroot()
    cat = request.args.get("cat", "")
    expr = f"//product[@category='{cat}']"
    # ruleid: python.xpath-injection
    return str(len(root.xpath(expr)))


@app.route("/compiled", methods=["POST"])
def compiled():
    data = request.get_json()
    # ruleid: python.xpath-injection
    finder = etree.XPath("//product[" + data["predicate"] + "]")
    return str(len(finder(catalogue)))


@app.route("/sku")
def sku():
    # ok: python.xpath-injection
    return str(len(BY_SKU(catalogue, sku=request.args["sku"])))


def cheapest():
    # ok: python.xpath-injection
    return catalogue.xpath("//product[not(price > //product/price)]")


# ElementTree's path language: `find` and friends take a path the request must not write.
import xml.etree.ElementTree as ET

CATALOG = ET.parse("catalog.xml")


def book_by_isbn(request):
    isbn = request.GET.get("isbn", "")
    # ruleid: python.xpath-injection
    book = CATALOG.getroot().find(f".//book[@isbn='{isbn}']")
    # ok: python.xpath-injection
    title = CATALOG.getroot().findtext(".//book/title")
    # ok: python.xpath-injection
    position = request.GET.get("q", "").find(isbn)
    return book, title, position


def books_by_author(request):
    author = request.GET["author"]
    # ruleid: python.xpath-injection
    return CATALOG.getroot().findall(".//book[@author='%s']" % author)
