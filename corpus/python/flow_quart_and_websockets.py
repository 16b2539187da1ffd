"""Quart, Flask's asyncio twin, and Starlette WebSockets: the request data they hand over is read
with `await`, and reaches the same sinks."""
import asyncio

import httpx
from quart import Quart, request, send_file
from starlette.websockets import WebSocket

app = Quart(__name__)
REPORTS = "/srv/reports"


@app.get("/reports")
async def report():
    name = request.args.get("name", "summary.pdf")
    # ruleid: python.path-traversal
    return await send_file(f"{REPORTS}/{name}")


@app.get("/reports/latest")
async def latest_report():
    # ok: python.path-traversal
    return await send_file(f"{REPORTS}/latest.pdf")


@app.post("/hooks/test")
async def test_hook():
    body = await request.get_json()
    async with httpx.AsyncClient() as client:
        # ruleid: python.ssrf
        r = await client.post(body["url"], json={"ping": True})
    return {"status": r.status_code}


async def probe(websocket: WebSocket):
    await websocket.accept()
    wanted = await websocket.receive_json()
    async with httpx.AsyncClient() as client:
        # ruleid: python.ssrf
        r = await client.get(wanted["target"])
    await websocket.send_json({"status": r.status_code})


async def ping_host(websocket: WebSocket):
    await websocket.accept()
    async for host in websocket.iter_text():
        # ruleid: python.asyncio-subprocess-shell
        proc = await asyncio.create_subprocess_shell(f"ping -c 1 {host}")
        await websocket.send_text(str(await proc.wait()))


async def ping_port(websocket: WebSocket):
    await websocket.accept()
    port = int(await websocket.receive_text())
    # ok: python.asyncio-subprocess-shell
    proc = await asyncio.create_subprocess_shell(f"nc -z localhost {port}")
    await websocket.send_text(str(await proc.wait()))
