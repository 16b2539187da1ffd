from django.db import connection
from django.http import HttpResponse, JsonResponse

from .models import Badge, Sorting


def badge(request):
    card = Badge(name=request.GET.get("name", ""), team=request.GET.get("team", ""))
    # ok: python.xss
    return HttpResponse(f"<div>{card.html}</div>")


def badge_plain(request):
    card = Badge(name=request.GET.get("name", ""), team=request.GET.get("team", ""))
    # ruleid: python.xss
    return HttpResponse(f"<div>{card.plain_html}</div>")


def members(request):
    order = Sorting(request.GET.get("sort", "name"), request.GET.get("desc") == "1")
    with connection.cursor() as cursor:
        # ok: python.sql-string-formatting
        cursor.execute(f"SELECT id, name FROM members {order.clause}")
        return JsonResponse({"rows": cursor.fetchall()})


def members_loose(request):
    order = Sorting(request.GET.get("sort", "name"))
    with connection.cursor() as cursor:
        # ruleid: python.sql-string-formatting
        cursor.execute(f"SELECT id, name FROM members {order.loose_clause}")
        return JsonResponse({"rows": cursor.fetchall()})
