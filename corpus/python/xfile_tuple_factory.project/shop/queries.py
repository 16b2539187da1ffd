import sqlite3

SORTS = {"newest": "created_at DESC", "cheapest": "price ASC"}


def orders_query(status: str, sort: str) -> tuple[str, list]:
    order_by = SORTS.get(sort, SORTS["newest"])
    return f"SELECT id, total FROM orders WHERE status = ? ORDER BY {order_by}", [status]


def search_query(term: str) -> tuple[str, list]:
    return f"SELECT id FROM products WHERE name LIKE '%{term}%'", []


class Catalog:
    def __init__(self, path: str = "shop.db"):
        self.db = sqlite3.connect(path)

    def by_brand(self, brand: str):
        # ruleid: python.sql-string-formatting
        return self.db.execute(f"SELECT sku FROM products WHERE brand = '{brand}'").fetchall()

    def by_id(self, product_id: str):
        return self.db.execute("SELECT sku FROM products WHERE id = ?", (product_id,)).fetchall()
