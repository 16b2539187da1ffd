"""aiohttp handlers and helpers that query Postgres; some build the SQL text from input."""
import sqlalchemy
from aiohttp import web

ORDER_COLUMNS = {"name", "created_at", "price"}
TABLE = "products"


async def search(request):
    term = request.query.get("q", "")
    query = "SELECT id, name FROM products WHERE name LIKE '%" + term + "%'"
    async with request.app["db"].acquire() as conn:
        async with conn.cursor() as cur:
            # ruleid: python.sql-string-formatting
            await cur.execute(query)
            rows = await cur.fetchall()
    return web.json_response(rows)


async def search_bound(request):
    term = request.query.get("q", "")
    query = "SELECT id, name FROM products WHERE name LIKE %s"
    async with request.app["db"].acquire() as conn:
        async with conn.cursor() as cur:
            # ok: python.sql-string-formatting
            await cur.execute(query, (f"%{term}%",))
            rows = await cur.fetchall()
    return web.json_response(rows)


async def by_category(request):
    category = request.match_info["category"]
    where = f"category = '{category}'"
    sql = "SELECT * FROM products WHERE " + where
    statement = sql + " LIMIT 50"
    async with request.app["db"].acquire() as conn:
        async with conn.cursor() as cur:
            # ruleid: python.sql-string-formatting
            await cur.execute(statement)
            return web.json_response(await cur.fetchall())


async def by_page(request):
    page = int(request.query.get("page", "1"))
    statement = f"SELECT * FROM {TABLE} LIMIT 50 OFFSET {page * 50}"
    async with request.app["db"].acquire() as conn:
        async with conn.cursor() as cur:
            # ok: python.sql-string-formatting
            await cur.execute(statement)
            return web.json_response(await cur.fetchall())


async def sorted_products(request):
    column = request.query.get("sort", "name")
    if column not in ORDER_COLUMNS:
        raise web.HTTPBadRequest()
    statement = f"SELECT * FROM products ORDER BY {column}"
    async with request.app["db"].acquire() as conn:
        async with conn.cursor() as cur:
            # ok: python.sql-string-formatting
            await cur.execute(statement)
            return web.json_response(await cur.fetchall())


def count_rows(cur, table_name):
    # ruleid: python.sql-string-formatting
    cur.execute(f"SELECT COUNT(*) FROM {table_name}")
    return cur.fetchone()[0]


def count_fixed(cur, table_name):
    # ok: python.sql-string-formatting
    cur.execute(f"SELECT COUNT(*) FROM {TABLE}")
    return cur.fetchone()[0], table_name


def where_clause(value):
    return "status = '" + value + "'"


async def by_status(request):
    clause = where_clause(request.query["status"])
    async with request.app["db"].acquire() as conn:
        async with conn.cursor() as cur:
            # ruleid: python.sql-string-formatting
            await cur.execute("SELECT * FROM orders WHERE " + clause)
            return web.json_response(await cur.fetchall())


def report(engine, request):
    year = int(request.args["year"])
    query = sqlalchemy.text(f"SELECT * FROM sales WHERE year = {year}")
    # ok: python.sql-string-formatting
    return engine.connect().execute(query).fetchall()


async def by_tag(request):
    from peewee import SQL

    from .models import Post

    tag = request.query.get("tag", "")
    clause = f"tags @> ARRAY['{tag}']"
    # ruleid: python.sql-string-formatting
    posts = Post.select().where(SQL(clause))
    # ok: python.sql-string-formatting
    recent = Post.select().where(SQL("created_at > now() - interval '1 day'"))
    return web.json_response([p.id for p in posts] + [p.id for p in recent])
