import falcon
import falcon.asgi

from .repository import ExportStorage, OrderRepository


class CustomerOrdersResource:
    def __init__(self, repo):
        self.repo = repo

    async def on_get(self, req, resp, customer_id):
        sort_field = req.get_param("sort", default="created_at")
        # ruleid: python.sql-string-formatting
        records = await self.repo.sorted_for_customer(customer_id, sort_field)
        resp.media = [dict(r) for r in records]


class OrdersByStatusResource:
    def __init__(self, repo):
        self._repo = repo

    async def on_get(self, req, resp, customer_id):
        # ok: python.sql-string-formatting
        records = await self._repo.by_status(customer_id, req.get_param("status", default="open"))
        resp.media = [dict(r) for r in records]


class ExportResource:
    def __init__(self, storage):
        self.storage = storage

    def on_get(self, req, resp):
        # ruleid: python.path-traversal
        resp.stream = self.storage.open_export(req.get_param("name", required=True))


app = falcon.asgi.App()
app.add_route("/customers/{customer_id:int}/orders", CustomerOrdersResource(OrderRepository()))
app.add_route("/customers/{customer_id:int}/by-status", OrdersByStatusResource(repo=OrderRepository()))
app.add_route("/exports", ExportResource(ExportStorage()))
