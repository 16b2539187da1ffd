"""Admin views that send the user back to a page of this site, built from a route name."""
from django.http import HttpResponseRedirect
from django.urls import reverse
from flask import redirect, request as flask_request, url_for


def item_page(request):
    item = request.GET["item"]
    target = reverse("shop:item", args=(item,))
    # ok: python.open-redirect
    return HttpResponseRedirect(target)


def item_page_from_next(request):
    # ruleid: python.open-redirect
    return HttpResponseRedirect(request.POST["next"])


def profile():
    name = flask_request.args["user"]
    # ok: python.open-redirect
    return redirect(url_for("profile", user=name))


def profile_from_query():
    # ruleid: python.open-redirect
    return redirect(flask_request.args["next"])
