# Upload and download paths built with pathlib: the client's file name as sent, or only its
# last component (`Path(name).name`, `.stem`).
from pathlib import Path
from uuid import uuid4

from fastapi import FastAPI, UploadFile
from fastapi.responses import FileResponse

app = FastAPI()
MEDIA = Path("/srv/media")


@app.post("/upload")
async def upload(file: UploadFile):
    # ruleid: python.path-traversal
    with open(MEDIA / file.filename, "wb") as out:
        out.write(await file.read())
    return {"ok": True}


@app.post("/upload-named")
async def upload_named(file: UploadFile):
    # ok: python.path-traversal
    with open(MEDIA / Path(file.filename).name, "wb") as out:
        out.write(await file.read())
    return {"ok": True}


@app.get("/media/{name}")
async def media(name: str):
    # ruleid: python.path-traversal
    return FileResponse(MEDIA / name)


@app.get("/thumbs/{name}")
async def thumb(name: str):
    # ok: python.path-traversal
    return FileResponse(MEDIA / "thumbs" / f"{Path(name).stem}.png")


@app.post("/upload-stored")
async def upload_stored(file: UploadFile):
    # The client's extension, kept on a name the server chose: `.suffix` holds no separator.
    stored = MEDIA / f"{uuid4().hex}{Path(file.filename or 'upload.bin').suffix[:8]}"
    # ok: python.path-traversal
    stored.write_bytes(await file.read())
    return {"ok": True}
