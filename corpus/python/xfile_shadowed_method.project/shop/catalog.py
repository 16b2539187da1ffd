import sqlite3


class Catalog:
    def __init__(self, path="catalog.db"):
        self.conn = sqlite3.connect(path)

    def search(self, term):
        # ruleid: python.sql-string-formatting
        return self.conn.execute(f"SELECT id, name FROM products WHERE name LIKE '%{term}%'").fetchall()

    def lookup(self, sku):
        return self.conn.execute("SELECT id, name FROM products WHERE sku = ?", (sku,)).fetchall()
