"""Services kept in the application's registry at start-up (`app["store"] = ArticleStore(pool)`)
and taken from it in a handler (`request.app["store"]`, or annotated `proxy: ImageProxy =
request.app["proxy"]`): the handler's request value reaches the sink the service holds."""
import asyncio

import aiohttp
from aiohttp import web


class ArticleStore:
    def __init__(self, pool):
        self.pool = pool

    async def by_tag(self, tag):
        async with self.pool.acquire() as conn:
            # ruleid: python.sql-string-formatting
            return await conn.fetch(f"SELECT id, title FROM articles WHERE tag = '{tag}'")

    async def by_id(self, article_id: int):
        async with self.pool.acquire() as conn:
            # ok: python.sql-string-formatting
            return await conn.fetch("SELECT id, title FROM articles WHERE id = $1", article_id)


class Mirrors:
    async def create(self, name):
        # ruleid: python.asyncio-subprocess-shell
        proc = await asyncio.create_subprocess_shell(f"git clone --mirror {name} /srv/mirrors/")
        return await proc.wait()


class ImageProxy:
    def __init__(self, session):
        self.session = session

    async def fetch(self, src):
        # ruleid: python.ssrf
        async with self.session.get(src) as resp:
            return await resp.read()


async def articles(request):
    rows = await request.app["store"].by_tag(request.query.get("tag", ""))
    one = await request.app["store"].by_id(int(request.query.get("id", "0")))
    return web.json_response([dict(r) for r in rows + one])


async def mirror(request):
    body = await request.json()
    code = await request.app["mirrors"].create(body["name"])
    return web.json_response({"code": code})


async def image(request):
    proxy: ImageProxy = request.app["proxy"]
    return web.Response(body=await proxy.fetch(request.query["src"]))


async def on_startup(app):
    app["session"] = aiohttp.ClientSession()
    app["store"] = ArticleStore(app["pool"])
    app["mirrors"] = Mirrors()
    app["proxy"] = ImageProxy(app["session"])
