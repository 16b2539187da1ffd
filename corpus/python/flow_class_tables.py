"""A class attribute table read with `.get()` or `[...]`: the caller picks an entry, the class
wrote every entry. Reading it does not change it, so it stays the class's constant."""
from django.db import connection
from django.http import JsonResponse
from django.views import View


class MetricView(View):
    COLUMNS = {"revenue": "total_cents", "orders": "order_count"}
    DEFAULT = "order_count"

    def get(self, request, *args, **kwargs):
        column = self.COLUMNS.get(request.GET.get("metric", ""), self.DEFAULT)
        with connection.cursor() as cur:
            # ok: python.sql-string-formatting
            cur.execute(f"SELECT day, {column} FROM daily_stats ORDER BY day")
            return JsonResponse({"rows": cur.fetchall()})

    def post(self, request, *args, **kwargs):
        column = request.POST.get("metric", self.DEFAULT)
        with connection.cursor() as cur:
            # ruleid: python.sql-string-formatting
            cur.execute(f"SELECT day, {column} FROM daily_stats ORDER BY day")
            return JsonResponse({"rows": cur.fetchall()})

    def known(self):
        return list(self.COLUMNS.keys())


class ArchiveView(View):
    TABLES = {"2023": "orders_2023", "2024": "orders_2024"}

    def get(self, request, year):
        with connection.cursor() as cur:
            # ok: python.sql-string-formatting
            cur.execute("SELECT COUNT(*) FROM %s" % self.TABLES[year])
            return JsonResponse({"n": cur.fetchone()[0]})

    def years(self):
        return sorted(self.TABLES.keys())


class ExtensibleArchiveView(View):
    TABLES = {"2023": "orders_2023", "2024": "orders_2024"}

    def get(self, request, year):
        with connection.cursor() as cur:
            # ruleid: python.sql-string-formatting
            cur.execute("SELECT COUNT(*) FROM %s" % self.TABLES[year])
            return JsonResponse({"n": cur.fetchone()[0]})

    def register(self, year, table):
        # a write through a method: the table holds whatever callers register
        self.TABLES.setdefault(year, table)


class LegacyArchiveView(View):
    TABLES = {"2023": "orders_2023"}

    def get(self, request, year):
        table = self.TABLES.get(year, year)
        with connection.cursor() as cur:
            # ruleid: python.sql-string-formatting
            cur.execute("SELECT COUNT(*) FROM %s" % table)
            return JsonResponse({"n": cur.fetchone()[0]})
