"""psycopg's SQL composition: identifiers and literals wrapped by `sql.Identifier` / `sql.Literal`
are quoted by the library; text glued into `sql.SQL(...)` itself is not."""
from django.http import JsonResponse
from psycopg2 import sql

from .db import pool


def sorted_report(request):
    column = request.GET.get("sort", "created_at")
    with pool.getconn() as conn, conn.cursor() as cur:
        # ruleid: python.sql-string-formatting
        cur.execute(sql.SQL("SELECT id, total FROM invoices ORDER BY {}").format(sql.SQL(column)))
        return JsonResponse({"rows": cur.fetchall()})


def sorted_report_quoted(request):
    column = request.GET.get("sort", "created_at")
    with pool.getconn() as conn, conn.cursor() as cur:
        # ok: python.sql-string-formatting
        cur.execute(sql.SQL("SELECT id, total FROM invoices ORDER BY {}").format(sql.Identifier(column)))
        return JsonResponse({"rows": cur.fetchall()})


def tagged(request):
    tag = request.GET["tag"]
    with pool.getconn() as conn, conn.cursor() as cur:
        query = sql.SQL("SELECT id FROM posts WHERE tag = {} LIMIT 50").format(sql.Literal(tag))
        # ok: python.sql-string-formatting
        cur.execute(query)
        return JsonResponse({"rows": cur.fetchall()})


def tagged_raw(request):
    tag = request.GET["tag"]
    with pool.getconn() as conn, conn.cursor() as cur:
        # ruleid: python.sql-string-formatting
        query = sql.SQL("SELECT id FROM posts WHERE tag = '" + tag + "' LIMIT 50")
        # Reported once, where the text became SQL.
        # ok: python.sql-string-formatting
        cur.execute(query)
        return JsonResponse({"rows": cur.fetchall()})
