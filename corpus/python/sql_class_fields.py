"""SQL built from fields of the class: a class constant, a counter, names quoted where they are stored."""
from django.db import connection
from flask import request


class TableIntrospection:
    cache_bust_counter = 1
    operators = {"contains": "LIKE %s ESCAPE '\\'", "startswith": "LIKE %s || '%%'"}

    def __init__(self, conn, table):
        self.conn = conn
        self.table = conn.ops.quote_name(table)
        self.raw_table = table

    def describe(self, cursor, table_name):
        # A new statement text each time, so the database does not serve a cached plan.
        self.cache_bust_counter += 1
        # ok: python.sql-string-formatting
        cursor.execute(
            "SELECT * FROM {} WHERE ROWNUM < 2 AND {} > 0".format(
                self.conn.ops.quote_name(table_name), self.cache_bust_counter
            )
        )
        return cursor.description

    def supports_like(self, cursor):
        if "operators" in self.__dict__:
            return True
        # ok: python.sql-string-formatting
        cursor.execute("SELECT 1 FROM DUAL WHERE 'x' %s" % self.operators["contains"], ["x"])
        return cursor.fetchone() is not None

    def count(self, cursor):
        # ok: python.sql-string-formatting
        cursor.execute("SELECT COUNT(*) FROM %s" % self.table)
        return cursor.fetchone()[0]

    def count_raw(self, cursor):
        # ruleid: python.sql-string-formatting
        cursor.execute("SELECT COUNT(*) FROM %s" % self.raw_table)
        return cursor.fetchone()[0]


class ReportQuery:
    order_column = '"created_at"'

    def order_by(self, column):
        self.order_column = connection.ops.quote_name(column)

    def rows(self, cursor):
        # ok: python.sql-string-formatting
        cursor.execute("SELECT id, title FROM reports ORDER BY %s" % self.order_column)
        return cursor.fetchall()


class SortedListing:
    sort = "name"

    def from_request(self):
        self.sort = request.args.get("sort", "name")

    def rows(self, cursor):
        # ruleid: python.sql-string-formatting
        cursor.execute("SELECT id, name FROM items ORDER BY %s" % self.sort)
        return cursor.fetchall()


class ColumnPicker:
    columns = ["id", "name"]

    def add(self, name):
        self.columns.append(name)

    def rows(self, cursor):
        # ruleid: python.sql-string-formatting
        cursor.execute("SELECT %s FROM items" % ", ".join(self.columns))
        return cursor.fetchall()


class FilterSet:
    where = "archived = false"

    def __init__(self, **filters):
        for name, value in filters.items():
            setattr(self, name, value)

    def rows(self, cursor):
        # ruleid: python.sql-string-formatting
        cursor.execute("SELECT id FROM items WHERE %s" % self.where)
        return cursor.fetchall()
