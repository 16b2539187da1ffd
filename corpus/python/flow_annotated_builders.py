# A builder whose setters are annotated to return the builder (`-> "Builder"`) and end in
# `return self`: a chain of them carries what each stored to the call that uses it.
import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest


class AvatarRequest:
    def __init__(self) -> None:
        self._url = None
        self._timeout = 5.0

    def with_url(self, url: str) -> "AvatarRequest":
        self._url = url
        return self

    def with_timeout(self, seconds: float) -> "AvatarRequest":
        self._timeout = seconds
        return self

    def build(self) -> HTTPRequest:
        if not self._url:
            raise ValueError("no url")
        return HTTPRequest(self._url, method="GET", request_timeout=self._timeout)


class AvatarHandler(tornado.web.RequestHandler):
    async def post(self, user_id: str) -> None:
        announced = self.request.headers.get("X-Avatar-Url", "")
        request = AvatarRequest().with_url(announced).with_timeout(3).build()
        # ruleid: python.ssrf
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
        self.finish({"user": user_id, "status": response.code})


class Select:
    def __init__(self, table: str) -> None:
        self.table = table
        self.conditions: list[str] = []

    def where(self, condition: str) -> "Select":
        self.conditions.append(condition)
        return self

    def build(self) -> str:
        sql = f"SELECT id, name FROM {self.table}"
        if self.conditions:
            sql += " WHERE " + " AND ".join(self.conditions)
        return sql


class EventsHandler(tornado.web.RequestHandler):
    def get(self) -> None:
        query = Select("events")
        venue = self.get_query_argument("venue", "")
        if venue:
            query = query.where(f"venue = '{venue}'")
        # ruleid: python.sql-string-formatting
        rows = self.application.db.execute(query.build()).fetchall()
        self.finish({"rows": [list(r) for r in rows]})

