"""Login and logout flows that send the user on somewhere."""
import base64
import json

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/login", methods=["POST"])
def login():
    target = request.args.get("next", "/")
    # ruleid: python.open-redirect
    return redirect(target)


@app.route("/logout")
def logout():
    # ok: python.open-redirect
    return redirect("/")


@app.route("/items/<item_id>")
def item_short_link(item_id):
    # ok: python.open-redirect
    return redirect(f"/catalog/items/{item_id}")


@app.route("/go/<target>")
def go(target):
    # ruleid: python.open-redirect
    return redirect(target)


def back_to(url):
    # ruleid: python.open-redirect
    return redirect(url)


def back_home(url):
    # ok: python.open-redirect
    return redirect("/home?from=" + url)


@app.route("/return")
def return_to():
    return back_to(request.args["url"])


@app.route("/home")
def home_again():
    return back_home(request.args["url"])


def django_login_done(request):
    next_url = request.GET.get("next", "/")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={"example.com"}):
        # ok: python.open-redirect
        return HttpResponseRedirect(next_url)
    # ruleid: python.open-redirect
    return HttpResponseRedirect(next_url)


# A language code Django knows (`check_for_language`: the code's format and an installed catalog)
# only picks which translation of a checked URL the user gets.
def switch_language(request):
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={"example.com"}):
        target = "/"
    code = request.POST.get("language")
    if code and check_for_language(code):
        # ok: python.open-redirect
        return HttpResponseRedirect(localized_path(target, code))
    # ruleid: python.open-redirect
    return HttpResponseRedirect(localized_path(target, code))


def is_local(url):
    # `//evil.example` starts with `/` too.
    return url.startswith("/")


def is_relative_path(url):
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


@app.route("/sso/done")
def sso_done():
    target = request.args.get("next", "/")
    if not is_local(target):
        target = "/"
    # ruleid: python.open-redirect
    return redirect(target)


@app.route("/sso/finish")
def sso_finish():
    target = request.args.get("next", "/")
    if not is_relative_path(target):
        target = "/"
    # ok: python.open-redirect
    return redirect(target)


@app.route("/sso/inline")
def sso_inline():
    target = request.args.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    # ok: python.open-redirect
    return redirect(target)


@app.route("/sso/inline-root")
def sso_inline_root():
    target = request.args.get("next", "/")
    if not target.startswith("/"):
        target = "/"
    # ruleid: python.open-redirect
    return redirect(target)


AUTHORIZE_URL = "https://github.com/login/oauth/authorize"


def decode_state(raw):
    return json.loads(base64.urlsafe_b64decode(raw.encode()))


@app.route("/oauth/start")
def oauth_start():
    state = request.args.get("state", "")
    # The provider's address is fixed; the caller fills only its query.
    # ok: python.open-redirect
    return redirect(f"{AUTHORIZE_URL}?client_id=abc&state={state}")


@app.route("/oauth/return")
def oauth_return():
    data = decode_state(request.args.get("state", ""))
    # ruleid: python.open-redirect
    return redirect(data["return_to"])


@app.route("/oauth/host")
def oauth_host():
    host = request.args.get("host", "")
    # ruleid: python.open-redirect
    return redirect(f"https://{host}/login")
