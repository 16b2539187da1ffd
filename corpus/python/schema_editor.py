"""A database cache backend and schema editor: SQL built from quoted identifiers and placeholders."""
import sys

from django.db import connections, router


class DatabaseCache:
    def delete_many(self, keys):
        connection = connections[router.db_for_write(self.model)]
        quote_name = connection.ops.quote_name
        table = quote_name(self._table)
        with connection.cursor() as cursor:
            # ok: python.sql-string-formatting
            cursor.execute(
                "DELETE FROM %s WHERE %s IN (%s)"
                % (table, quote_name("cache_key"), ", ".join(["%s"] * len(keys))),
                keys,
            )

    def count(self):
        connection = connections[router.db_for_read(self.model)]
        with connection.cursor() as cursor:
            # ok: python.sql-string-formatting
            cursor.execute("SELECT COUNT(*) FROM %s" % connection.ops.quote_name(self._table))

    def count_unquoted(self):
        connection = connections[router.db_for_read(self.model)]
        with connection.cursor() as cursor:
            # ruleid: python.sql-string-formatting
            cursor.execute("SELECT COUNT(*) FROM %s" % self._table)

    def delete_where(self, column):
        connection = connections[router.db_for_write(self.model)]
        quote_name = connection.ops.quote_name
        with connection.cursor() as cursor:
            # ruleid: python.sql-string-formatting
            cursor.execute("DELETE FROM %s WHERE %s" % (quote_name(self._table), column))


class Command:
    """A management command: `execute(*args)` runs the command, the arguments are not SQL text."""

    def run_from_argv(self, argv):
        args = sys.argv[2:]
        # ok: python.sql-string-formatting
        self.execute(*args)

    def run_first_argument(self, cursor):
        args = sys.argv[2:]
        # ruleid: python.sql-string-formatting
        cursor.execute(args[0])
