# Falcon, Pyramid and aiohttp as their documentation writes them: Falcon's `http_only=` spelling,
# a same-origin check against the application's own URL, aiohttp's event loop on the request.
from urllib.parse import urlsplit

import falcon
from aiohttp import web
from pyramid.httpexceptions import HTTPFound

from .imaging import make_thumbnail

SITE_URL = "https://shop.example.com"
routes = web.RouteTableDef()


class SessionResource:
    def on_post(self, req, resp):
        token = req.get_media()["token"]
        # ok: python.session-cookie-flags-missing
        resp.set_cookie("sid", token, secure=True, http_only=True, same_site="Lax")
        # ruleid: python.session-cookie-flags-missing
        resp.set_cookie("remember_token", token, secure=True)
        # ruleid: python.cookie-insecure-flags
        resp.set_cookie("session", token, secure=True, http_only=False)


def is_same_origin(request, url):
    target = urlsplit(url)
    here = urlsplit(request.application_url)
    return target.scheme == here.scheme and target.netloc == here.netloc


def is_site_url(url):
    target = urlsplit(url)
    site = urlsplit(SITE_URL)
    return target.netloc == site.netloc


def same_host(url, other):
    target = urlsplit(url)
    theirs = urlsplit(other)
    return target.netloc == theirs.netloc


def sso_callback(request):
    came_from = request.params.get("came_from", "")
    if not is_same_origin(request, came_from):
        came_from = request.route_url("home")
    # ok: python.open-redirect
    return HTTPFound(location=came_from)


def cart_return(request):
    back = request.params.get("back", "")
    if not is_site_url(back):
        back = "/"
    # ok: python.open-redirect
    return HTTPFound(location=back)


def referred_return(request):
    back = request.params.get("back", "")
    if not same_host(back, request.params.get("ref", "")):
        back = "/"
    # ruleid: python.open-redirect
    return HTTPFound(location=back)


def plain_return(request):
    # ruleid: python.open-redirect
    return HTTPFound(location=request.params["next"])


SIZES = {"small": "120x120", "large": "640x640"}


@routes.get(r"/thumbnail/{image_id:\d+}")
async def thumbnail(request):
    image_id = int(request.match_info["image_id"])
    size = request.query.get("size", "small")
    if size not in SIZES:
        raise web.HTTPBadRequest(text="unknown size")
    out = await request.loop.run_in_executor(None, make_thumbnail, image_id, size)
    # ok: python.path-traversal
    return web.FileResponse(out)


async def attachment(request):
    name = request.match_info["name"]
    # ruleid: python.path-traversal
    return web.FileResponse(f"/srv/attachments/{name}")
