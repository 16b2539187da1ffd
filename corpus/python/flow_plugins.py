"""Plugin loading in a Flask app: the module name comes from the request."""
import importlib
import importlib as loader
import runpy
import sys

from flask import Flask, abort, request

app = Flask(__name__)
PLUGINS = {"csv", "json", "xlsx"}


@app.post("/export")
def export():
    fmt = request.args.get("format", "csv")
    # ruleid: python.import-untrusted-module
    exporter = importlib.import_module(fmt)
    return exporter.render(request.json)


@app.post("/export/checked")
def export_checked():
    fmt = request.args.get("format", "csv")
    if fmt not in PLUGINS:
        abort(404)
    # ok: python.import-untrusted-module
    exporter = importlib.import_module(fmt)
    return exporter.render(request.json)


@app.post("/export/package")
def export_in_package():
    fmt = request.args.get("format", "csv")
    # ok: python.import-untrusted-module
    exporter = importlib.import_module("app.exporters." + fmt)
    return exporter.render(request.json)


def module_for(kind):
    name = kind.strip().lower()
    return name


@app.post("/hooks")
def hooks():
    kind = request.form["kind"]
    # ruleid: python.import-untrusted-module
    hook = loader.import_module(module_for(kind))
    return hook.run()


@app.post("/legacy")
def legacy():
    payload = request.get_json()
    target = payload["module"]
    # ruleid: python.import-untrusted-module
    mod = __import__(target)
    return str(mod)


@app.post("/scripts")
def scripts():
    script = request.form["script"]
    # ruleid: python.import-untrusted-module
    runpy.run_path(script)
    return "ok"


@app.post("/scripts/fixed")
def scripts_fixed():
    # ok: python.import-untrusted-module
    runpy.run_path("/srv/app/scripts/nightly.py")
    return "ok"


def main():
    # ok: python.import-untrusted-module
    plugin = importlib.import_module(sys.argv[1])
    plugin.run()
