import os

import asyncpg


class OrderRepository:
    def __init__(self):
        self._pool = None

    async def pool(self):
        if self._pool is None:
            self._pool = await asyncpg.create_pool(dsn=os.environ["DATABASE_URL"])
        return self._pool

    async def sorted_for_customer(self, customer_id, sort_field):
        pool = await self.pool()
        sql = f"SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY {sort_field}"
        async with pool.acquire() as conn:
            return await conn.fetch(sql, customer_id)

    async def by_status(self, customer_id, status):
        pool = await self.pool()
        async with pool.acquire() as conn:
            return await conn.fetch(
                "SELECT id, total FROM orders WHERE customer_id = $1 AND status = $2", customer_id, status
            )


class ExportStorage:
    def __init__(self, root="/srv/exports"):
        self.root = root

    def open_export(self, name):
        return open(os.path.join(self.root, name), "rb")
