"""Caching, sessions and model loading: the places assistants reach for pickle and YAML."""
import base64
import json
import marshal
import pickle
import shelve

import dill
import jsonpickle
import numpy as np
import pandas as pd
import torch
import yaml
from flask import Flask, request

app = Flask(__name__)
CACHE_DB = "/var/cache/myapp/shelf"


@app.route("/restore", methods=["POST"])
def restore_session():
    blob = request.cookies.get("session_state", "")
    # ruleid: python.pickle-load
    state = pickle.loads(base64.b64decode(blob))
    return {"restored": len(state)}


@app.route("/snapshot")
def snapshot():
    state = {"items": [1, 2, 3]}
    # ok: python.pickle-load
    encoded = base64.b64encode(pickle.dumps(state)).decode()
    return {"snapshot": encoded}


def load_cached(path):
    with open(path, "rb") as fh:
        # ruleid: python.pickle-load
        return pickle.load(fh)


def load_function(payload: bytes):
    # ruleid: python.pickle-load
    return dill.loads(payload)


def load_checkpoint(path):
    # ruleid: python.pickle-load
    return torch.load(path, map_location="cpu")


def load_weights(path):
    # ok: python.pickle-load
    return torch.load(path, map_location="cpu", weights_only=True)


def load_matrix(path):
    # ruleid: python.pickle-load
    arr = np.load(path, allow_pickle=True)
    # ok: python.pickle-load
    plain = np.load(path)
    return arr, plain


def read_frame(path):
    # ruleid: python.pickle-load
    return pd.read_pickle(path)


def read_fixture_frame():
    # ok: python.pickle-load
    return pd.read_pickle("tests/fixtures/frame.pkl")


def parse_event(raw):
    # ok: python.pickle-load
    return json.loads(raw)


def load_code(data):
    # ruleid: python.marshal-load
    return marshal.loads(data)


def load_code_file(fh):
    # ruleid: python.marshal-load
    code = marshal.load(fh)
    return code


def dump_code(code):
    # ok: python.marshal-load
    return marshal.dumps(code)


def marshal_constant():
    # ok: python.marshal-load
    return marshal.loads(b"\xe9\x01\x00\x00\x00")


def user_shelf(username):
    # ruleid: python.shelve-open
    return shelve.open(f"/srv/data/{username}.shelf")


def upload_shelf(upload):
    # ruleid: python.shelve-open
    with shelve.open(upload.filename) as db:
        return dict(db)


def app_cache():
    # ok: python.shelve-open
    return shelve.open("/var/cache/myapp/shelf")


def app_cache_readonly():
    # ok: python.shelve-open
    return shelve.open("/var/cache/myapp/shelf", flag="r")


def load_config(path):
    with open(path) as fh:
        # ruleid: python.yaml-load
        return yaml.load(fh)


@app.post("/pipelines")
def create_pipeline():
    # ruleid: python.yaml-load
    spec = yaml.load(request.data)
    # ruleid: python.yaml-load
    docs = list(yaml.load_all(request.data))
    return {"steps": len(spec["steps"]), "docs": len(docs)}


def load_config_safely(path):
    with open(path) as fh:
        # ok: python.yaml-load, python.yaml-unsafe-loader
        return yaml.safe_load(fh)


def load_config_loader(path):
    with open(path) as fh:
        # ok: python.yaml-load, python.yaml-unsafe-loader
        return yaml.load(fh, Loader=yaml.SafeLoader)


def load_fast(stream):
    # ok: python.yaml-load, python.yaml-unsafe-loader
    return yaml.load(stream, yaml.CSafeLoader)


def load_objects(stream):
    # ok: python.yaml-load
    # ruleid: python.yaml-unsafe-loader
    return yaml.load(stream, Loader=yaml.Loader)


def load_objects_c(stream):
    from yaml import CLoader as Loader
    # ruleid: python.yaml-unsafe-loader
    return yaml.load(stream, Loader=Loader)


def load_positional(stream):
    # ruleid: python.yaml-unsafe-loader
    return yaml.load(stream, yaml.UnsafeLoader)


def load_all_unsafe(stream):
    # ruleid: python.yaml-unsafe-loader
    return list(yaml.unsafe_load_all(stream))


def load_full(stream):
    # FullLoader no longer calls arbitrary functions (PyYAML 5.4); a stream of unknown origin is
    # not reported, an untrusted one is (flow_deserialize.py).
    # ok: python.yaml-unsafe-loader
    return yaml.load(stream, Loader=yaml.FullLoader)


def dump_yaml(data):
    # ok: python.yaml-unsafe-loader
    return yaml.dump(data, Dumper=yaml.Dumper)


@app.post("/cart")
def update_cart():
    # ruleid: python.jsonpickle-decode
    cart = jsonpickle.decode(request.get_data(as_text=True))
    # ok: python.jsonpickle-decode
    body = jsonpickle.encode(cart, unpicklable=False)
    return body


def restore_job(message):
    # ruleid: python.jsonpickle-decode
    return jsonpickle.loads(message.body)


def decode_token(token):
    # ok: python.jsonpickle-decode
    return json.loads(base64.urlsafe_b64decode(token))


from pathlib import Path

BUNDLED_MODEL = Path(__file__).resolve().parent / "artifacts" / "ranker.pkl"


def load_bundled_ranker():
    # The model file ships inside the package.
    with BUNDLED_MODEL.open("rb") as fh:
        # ok: python.pickle-load
        return pickle.load(fh)


@app.route("/models/<name>")
def load_named_model(name):
    # ruleid: python.path-traversal
    with (Path("/srv/models") / name).open("rb") as fh:
        # ruleid: python.pickle-load
        return {"model": repr(pickle.load(fh))}


def picklable(value):
    """Whether `value` survives pickling (a deep copy of the program's own object)."""
    try:
        # ok: python.pickle-load
        pickle.loads(pickle.dumps(value))
    except Exception:
        return False
    return True


def restore_job(blob):
    # ruleid: python.pickle-load
    return pickle.loads(blob)
