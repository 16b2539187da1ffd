"""aiohttp and FastAPI handlers: values that pass through `async with`, helpers and aliased modules
before they reach a query, a request, a file or `eval`."""
import asyncio
import asyncio.subprocess as aproc
import os.path as osp
import shlex

import aiofiles
import asyncpg
import httpx as hx
from aiohttp import ClientSession as Session, web
from anthropic import AsyncAnthropic
from sqlalchemy import text as sql_text

REPORTS = "/srv/reports"
STATUS_URL = "https://status.example.com/health"
claude = AsyncAnthropic()


async def orders(request):
    status = request.query["status"]
    async with request.app["pool"].acquire() as conn:
        # ruleid: python.sql-string-formatting
        return await conn.fetch(f"SELECT * FROM orders WHERE status = '{status}'")


async def orders_bound(request):
    status = request.query["status"]
    async with request.app["pool"].acquire() as conn:
        # ok: python.sql-string-formatting
        return await conn.fetch("SELECT * FROM orders WHERE status = $1", status)


async def orders_chain(request):
    first = request.query["sort"]
    second = "ORDER BY " + first
    third = "SELECT * FROM orders " + second
    async with request.app["engine"].connect() as conn:
        # ruleid: python.sql-string-formatting
        return await conn.execute(sql_text(third))


async def orders_fixed(request):
    limit = int(request.query["limit"])
    third = "SELECT * FROM orders ORDER BY created_at LIMIT " + str(limit)
    async with request.app["engine"].connect() as conn:
        # ok: python.sql-string-formatting
        return await conn.execute(sql_text(third))


async def mirror(request):
    target = request.query["url"]
    async with hx.AsyncClient() as client:
        # ruleid: python.ssrf
        response = await client.get(target)
    return web.Response(text=response.text)


async def health(request):
    verbose = request.query.get("verbose", "")
    async with hx.AsyncClient() as client:
        # ok: python.ssrf
        response = await client.get(STATUS_URL)
    return web.Response(text=response.text + verbose)


async def forward(request):
    body = await request.json()
    async with Session() as session:
        # ruleid: python.ssrf
        async with session.post(body["callback"], json={"ok": True}) as response:
            return web.Response(status=response.status)


async def forward_fixed(request):
    body = await request.json()
    async with Session() as session:
        # ok: python.ssrf
        async with session.post(STATUS_URL, json={"ok": body["ok"]}) as response:
            return web.Response(status=response.status)


async def report(request):
    name = request.match_info["name"]
    # ruleid: python.path-traversal
    async with aiofiles.open(osp.join(REPORTS, name)) as handle:
        return web.Response(text=await handle.read())


async def report_safe(request):
    name = osp.basename(request.match_info["name"])
    # ok: python.path-traversal
    async with aiofiles.open(osp.join(REPORTS, name)) as handle:
        return web.Response(text=await handle.read())


async def archive(request):
    name = request.match_info["name"]
    # ruleid: python.subprocess-shell
    process = await aproc.create_subprocess_shell(f"tar czf /tmp/out.tgz {name}")
    return web.Response(text=str(await process.wait()))


async def archive_quoted(request):
    name = shlex.quote(request.match_info["name"])
    # ok: python.subprocess-shell
    process = await aproc.create_subprocess_shell(f"tar czf /tmp/out.tgz {name}")
    return web.Response(text=str(await process.wait()))


async def calculator(request):
    question = (await request.post())["question"]
    async with asyncio.timeout(30):
        answer = await claude.messages.create(model="claude-sonnet-4-5", max_tokens=64,
                                              messages=[{"role": "user", "content": question}])
    expression = answer.content[0].text
    # ruleid: python.eval-exec
    return web.Response(text=str(eval(expression)))


async def calculator_fixed(request):
    expression = "2 + 2"
    # ok: python.eval-exec
    return web.Response(text=str(eval(expression)))
