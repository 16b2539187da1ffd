"""aiohttp's multipart reader: every part's file name, headers and content are the client's."""
import os
import uuid

from aiohttp import web

STORE = "/srv/drop"


async def upload(request: web.Request) -> web.Response:
    reader = await request.multipart()
    names = []
    async for part in reader:
        if part.filename:
            stored = uuid.uuid4().hex
            # ok: python.path-traversal
            with open(os.path.join(STORE, stored), "wb") as fh:
                fh.write(await part.read())
            names.append(part.filename)
    # ruleid: python.xss
    return web.Response(text="<ul><li>" + "</li><li>".join(names) + "</li></ul>", content_type="text/html")


async def upload_named(request: web.Request) -> web.Response:
    reader = await request.multipart()
    part = await reader.next()
    # ruleid: python.path-traversal
    with open(os.path.join(STORE, part.filename), "wb") as fh:
        fh.write(await part.read())
    # ok: python.xss
    return web.Response(text="<p>Uploaded.</p>", content_type="text/html")
