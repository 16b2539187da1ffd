"""Downloads from an upload directory, checked by comparing resolved paths with the root."""
import os
from pathlib import Path

from flask import Flask, abort, request, send_file

app = Flask(__name__)
UPLOADS = os.path.realpath("/srv/uploads")
MEDIA = Path("/srv/media").resolve()


@app.get("/raw")
def raw():
    full = os.path.realpath(os.path.join(UPLOADS, request.args["name"]))
    if os.path.commonpath([full, UPLOADS]) != UPLOADS:
        abort(403)
    # ok: python.path-traversal
    return send_file(full)


@app.get("/raw-prefix")
def raw_prefix():
    full = os.path.realpath(os.path.join(UPLOADS, request.args["name"]))
    if os.path.commonprefix([full, UPLOADS]) != UPLOADS:
        abort(403)
    # ruleid: python.path-traversal
    return send_file(full)


@app.get("/raw-their-root")
def raw_their_root():
    root = request.args["root"]
    full = os.path.realpath(os.path.join(UPLOADS, request.args["name"]))
    if os.path.commonpath([full, root]) != root:
        abort(403)
    # ruleid: python.path-traversal
    return send_file(full)


@app.get("/flat")
def flat():
    full = os.path.realpath(os.path.join(UPLOADS, request.args["name"]))
    if os.path.dirname(full) == UPLOADS:
        # ok: python.path-traversal
        return send_file(full)
    abort(404)


@app.get("/media")
def media():
    path = (MEDIA / request.args["name"]).resolve()
    if MEDIA not in path.parents:
        abort(400)
    # ok: python.path-traversal
    return send_file(path)


@app.get("/media-thumb")
def media_thumb():
    path = (MEDIA / request.args["name"]).resolve()
    thumb = MEDIA / "thumbs" / request.args["thumb"]
    if MEDIA not in path.parents:
        abort(400)
    # ruleid: python.path-traversal
    return send_file(thumb)
