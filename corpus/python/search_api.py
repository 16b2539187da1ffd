import re

import regex
from django.http import JsonResponse
from flask import Flask, request

app = Flask(__name__)
POSTS = []


@app.get("/search")
def search():
    # ruleid: python.regex-injection
    pattern = re.compile(request.args["q"], re.IGNORECASE)
    return {"hits": [p["title"] for p in POSTS if pattern.search(p["title"])]}


@app.get("/search/escaped")
def search_escaped():
    # ok: python.regex-injection
    pattern = re.compile(re.escape(request.args["q"]), re.IGNORECASE)
    return {"hits": [p["title"] for p in POSTS if pattern.search(p["title"])]}


@app.get("/filter")
def filter_logs():
    prefix = request.args.get("prefix", "")
    lines = open("/var/log/app.log").read().splitlines()
    # ruleid: python.regex-injection
    return {"lines": [l for l in lines if re.match(f"^{request.args.get('level')}: {prefix}", l)]}


@app.post("/validate")
def validate():
    rule = request.json.get("rule")
    value = request.json.get("value", "")
    # ruleid: python.regex-injection
    if re.fullmatch(rule, value):
        return {"valid": True}
    return {"valid": False}


def django_search(request):
    term = request.GET.get("term", "")
    # ruleid: python.regex-injection
    matches = regex.findall(term, open("/srv/data/corpus.txt").read())
    return JsonResponse({"count": len(matches)})


def django_search_literal(request):
    term = request.GET.get("term", "")
    # ok: python.regex-injection
    matches = re.findall(re.escape(term), open("/srv/data/corpus.txt").read())
    return JsonResponse({"count": len(matches)})


def slugify(title):
    # ok: python.regex-injection
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


@app.get("/count")
def count_word():
    word = request.args.get("word", "")
    text = request.args.get("text", "")
    # The input is the haystack, not the pattern.
    # ok: python.regex-injection
    return {"n": len(re.findall(r"\b\w+\b", text)), "has": word in text}


def django_search_after_a_read(request):
    term = request.GET.get("term", "")
    text = open("/srv/data/corpus.txt").read()
    # ruleid: python.regex-injection
    matches = regex.findall(term, text)
    return JsonResponse({"count": len(matches)})


def django_search_escaped_between(request):
    term = request.GET.get("term", "")
    term = re.escape(term)
    # ok: python.regex-injection
    matches = regex.findall(term, open("/srv/data/corpus.txt").read())
    return JsonResponse({"count": len(matches)})
