import sqlite3
from django.http import HttpResponse


def view(request):
    name = request.GET.get("name", "")
    query = f"SELECT * FROM users WHERE name = '{name}'"
    alias = query
    conn = sqlite3.connect("db.sqlite")
    rows = conn.execute(alias).fetchall()
    return HttpResponse("<p>%s</p>" % name)


class Handler:
    def __init__(self, code):
        self.code = code

    def go(self):
        exec(compile(self.code, "<x>", "exec"))
        return lambda x: [y for y in x if y] or {k: v for k, v in x.items()}
