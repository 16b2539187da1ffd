# A dataclass built from positional arguments sets the fields in the order they are declared,
# and a helper that returns one hands back each field's own value: the stored path is built
# from a server-made id, the upload's own name is only metadata.
import os
import uuid
from dataclasses import dataclass

from flask import Flask, request

app = Flask(__name__)
UPLOADS = "/srv/uploads"


@dataclass
class PlannedUpload:
    upload_id: str
    original_name: str
    destination: str


def plan(upload):
    upload_id = uuid.uuid4().hex
    return PlannedUpload(upload_id, upload.filename, os.path.join(UPLOADS, upload_id))


def plan_by_name(upload):
    upload_id = uuid.uuid4().hex
    return PlannedUpload(upload_id, upload.filename, os.path.join(UPLOADS, upload.filename))


@app.post("/files")
def store():
    upload = request.files["file"]
    planned = plan(upload)
    # ok: python.path-traversal
    upload.save(open(planned.destination, "wb"))
    named = plan_by_name(upload)
    # ruleid: python.path-traversal
    upload.save(open(named.destination, "wb"))
    return {"id": planned.upload_id, "name": planned.original_name}


@app.post("/files/inline")
def store_inline():
    upload = request.files["file"]
    planned = PlannedUpload(uuid.uuid4().hex, upload.filename, UPLOADS + "/incoming.bin")
    # ok: python.path-traversal
    upload.save(open(planned.destination, "wb"))
    # ruleid: python.path-traversal
    upload.save(open(os.path.join(UPLOADS, planned.original_name), "wb"))
    return {"id": planned.upload_id}
