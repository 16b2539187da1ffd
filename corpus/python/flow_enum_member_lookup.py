from enum import Enum

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)


class Mirror(Enum):
    EU = "https://eu.mirror.example.org"
    US = "https://us.mirror.example.org"


class Mirrors:
    """Not an enumeration: a plain class whose attributes a caller may add to."""

    EU = "https://eu.mirror.example.org"


@app.get("/packages/<int:package_id>")
def package(package_id):
    mirror = Mirror.__members__.get(request.args.get("mirror", "EU").upper(), Mirror.EU)
    # ok: python.ssrf
    return jsonify(requests.get(f"{mirror.value}/packages/{package_id}", timeout=5).json())


@app.get("/packages/<int:package_id>/files")
def package_files(package_id):
    try:
        mirror = Mirror[request.args.get("mirror", "EU")]
    except KeyError:
        abort(400)
    # ok: python.ssrf
    return jsonify(requests.get(f"{mirror.value}/packages/{package_id}/files", timeout=5).json())


@app.get("/packages/<int:package_id>/signature")
def package_signature(package_id):
    base = request.args.get("mirror", Mirror.EU.value)
    # ruleid: python.ssrf
    return requests.get(f"{base}/packages/{package_id}.sig", timeout=5).content


@app.get("/packages/<int:package_id>/readme")
def package_readme(package_id):
    base = getattr(Mirrors, "EU", None) or request.args["mirror"]
    # ruleid: python.ssrf
    return requests.get(f"{base}/packages/{package_id}/README", timeout=5).text
