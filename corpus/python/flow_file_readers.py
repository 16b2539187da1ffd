# Readers that open what the request names: pandas, archives, images; a curl handle's URL; a
# Tornado template compiled from the request.
import os
import tarfile
import zipfile

import pandas as pd
import pycurl
from PIL import Image
from flask import Flask, request
from tornado.template import Template

app = Flask(__name__)
DATA = "/srv/datasets"


@app.get("/dataset")
def dataset():
    name = request.args["name"]
    # ruleid: python.path-traversal
    frame = pd.read_csv(os.path.join(DATA, name))
    # ok: python.path-traversal
    sample = pd.read_csv(os.path.join(DATA, os.path.basename(name)))
    return {"rows": len(frame) + len(sample)}


@app.get("/bundle")
def bundle():
    name = request.args["bundle"]
    # ruleid: python.path-traversal
    with tarfile.open(os.path.join(DATA, name)) as tar:
        members = tar.getnames()
    # ok: python.path-traversal
    with zipfile.ZipFile(os.path.join(DATA, "default.zip")) as zf:
        members += zf.namelist()
    # ruleid: python.path-traversal
    with zipfile.ZipFile(os.path.join(DATA, name)) as zf:
        members += zf.namelist()
    return {"members": members}


@app.get("/thumb")
def thumb():
    picture = request.args["picture"]
    # ruleid: python.path-traversal
    img = Image.open(os.path.join(DATA, "images", picture))
    # ok: python.path-traversal
    placeholder = Image.open(os.path.join(DATA, "images", "placeholder.png"))
    return {"size": img.size, "placeholder": placeholder.size}


@app.get("/curl")
def curl_fetch():
    handle = pycurl.Curl()
    # ruleid: python.ssrf
    handle.setopt(pycurl.URL, request.args["url"])
    # ok: python.ssrf
    handle.setopt(pycurl.URL, "https://status.example.com/health")
    # ok: python.ssrf
    handle.setopt(pycurl.USERAGENT, request.args["agent"])
    handle.perform()
    return "", 204


@app.post("/banner")
def banner():
    text = request.form["text"]
    # ruleid: python.template-injection
    page = Template(text).generate()
    # ok: python.template-injection
    fixed = Template("<p>{{ text }}</p>").generate(text=text)
    return page + fixed
