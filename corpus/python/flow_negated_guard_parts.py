# After `if a and not b: return`, the negated check vouches for nothing where the whole failed.
from django.utils.http import url_has_allowed_host_and_scheme
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/continue")
def go_on():
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        # ok: python.open-redirect
        return redirect(target)
    # ruleid: python.open-redirect
    return redirect(target)


# Unless the other parts fail only where the target is empty: then, where the whole fails, the
# check held or there is nowhere to send the user.
@app.route("/language")
def set_language():
    target = request.form.get("next", request.args.get("next"))
    if (target or request.accept_mimetypes.accept_html) and not url_has_allowed_host_and_scheme(
        url=target, allowed_hosts={request.host}
    ):
        target = request.referrer
    # ruleid: python.open-redirect
    first = redirect(target) if target else None
    if target and not url_has_allowed_host_and_scheme(url=target, allowed_hosts={request.host}):
        target = "/"
    # ok: python.open-redirect
    return first or redirect(target)


@app.route("/language-strict")
def set_language_strict():
    target = request.form.get("next", "")
    if (target.startswith("/") or request.is_json) and not url_has_allowed_host_and_scheme(
        url=target, allowed_hosts={request.host}
    ):
        target = "/"
    # ruleid: python.open-redirect
    return redirect(target)
