"""A function read from an object and called through a local name is that function."""
from django.db import connection
from django.http import JsonResponse


def row_count(request):
    table = request.GET["table"]
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        # ok: python.sql-string-formatting
        cursor.execute("SELECT COUNT(*) FROM %s" % qn(table))
        return JsonResponse({"rows": cursor.fetchone()[0]})


def row_count_lowered(request):
    table = request.GET["table"]
    qn = str.lower
    with connection.cursor() as cursor:
        # ruleid: python.sql-string-formatting
        cursor.execute("SELECT COUNT(*) FROM %s" % qn(table))
        return JsonResponse({"rows": cursor.fetchone()[0]})
