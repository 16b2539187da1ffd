from concurrent.futures import ThreadPoolExecutor

from flask import Flask, jsonify, request

from .tail import tail_file, tail_named

app = Flask(__name__)
readers = ThreadPoolExecutor(max_workers=4)


@app.get("/logs/<path:name>")
def show_log(name: str):
    # ruleid: python.path-traversal
    future = readers.submit(tail_file, name, 100)
    return jsonify(future.result(timeout=10))


@app.get("/named/<path:name>")
def show_named(name: str):
    # ok: python.path-traversal
    future = readers.submit(tail_named, name)
    return jsonify(future.result(timeout=10))
