# SQL text handed to a query helper of another module: what receives a statement runs it.


from django.http import JsonResponse

from .db import fetch_rows, run




def by_owner(request):
    owner = request.GET.get("owner", "")
    sql = "SELECT id, total FROM orders WHERE owner = '%s'" % owner
    # ruleid: python.sql-string-formatting
    return JsonResponse({"rows": run(sql)})


def by_owner_bound(request):
    owner = request.GET.get("owner", "")
    sql = "SELECT id, total FROM orders WHERE owner = %s"
    # ok: python.sql-string-formatting
    return JsonResponse({"rows": run(sql, [owner])})


def by_status(request):
    query = f"SELECT id FROM orders WHERE status = '{request.GET['status']}'"
    # ok: python.sql-string-formatting
    print(query)
    # ruleid: python.sql-string-formatting
    return JsonResponse({"rows": fetch_rows(query)})


def by_status_fixed(request):
    status = "paid" if request.GET.get("paid") else "open"
    query = f"SELECT id FROM orders WHERE status = '{status}'"
    # ok: python.sql-string-formatting
    return JsonResponse({"rows": fetch_rows(query)})
