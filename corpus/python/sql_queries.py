"""Data-access helpers in the styles assistants produce for sqlite3, psycopg2, SQLAlchemy, Django and pandas."""
import sqlite3

import pandas as pd
from django.db import connection
from django.db.models.expressions import RawSQL
from sqlalchemy import text

from .models import Product

ALLOWED_SORT = {"name", "created_at", "price"}


def get_user_by_email(cur, email):
    # ruleid: python.sql-string-formatting
    cur.execute(f"SELECT id, name FROM users WHERE email = '{email}'")
    return cur.fetchone()


def get_user_by_email_safe(cur, email):
    # ok: python.sql-string-formatting
    cur.execute("SELECT id, name FROM users WHERE email = %s", (email,))
    return cur.fetchone()


def delete_order(conn: sqlite3.Connection, order_id):
    # ruleid: python.sql-string-formatting
    conn.execute("DELETE FROM orders WHERE id = %s" % order_id)
    conn.commit()


def delete_order_safe(conn: sqlite3.Connection, order_id):
    # ok: python.sql-string-formatting
    conn.execute("DELETE FROM orders WHERE id = ?", (order_id,))
    conn.commit()


def search_products(cur, term):
    # ruleid: python.sql-string-formatting
    cur.execute("SELECT * FROM products WHERE name LIKE '%" + term + "%'")
    return cur.fetchall()


def rename_user(cur, user_id, new_name):
    # ruleid: python.sql-string-formatting
    cur.execute("UPDATE users SET name = '{}' WHERE id = {}".format(new_name, user_id))


def bulk_insert(cur, table, rows):
    # ruleid: python.sql-string-formatting
    cur.executemany(f"INSERT INTO {table} (a, b) VALUES (%s, %s)", rows)


def count_rows(cur):
    # ok: python.sql-string-formatting
    cur.execute("SELECT COUNT(*) FROM events " "WHERE kind = 'click'")
    return cur.fetchone()[0]


def list_products(cur, sort):
    if sort not in ALLOWED_SORT:
        raise ValueError(sort)
    query = f"SELECT * FROM products ORDER BY {sort}"
    # The allow-list above vouches for `sort`: flow keeps this quiet.
    # ok: python.sql-string-formatting
    cur.execute(query)
    return cur.fetchall()


def orders_for_customer(conn, customer_id):
    sql = "SELECT * FROM orders WHERE customer_id = " + str(customer_id)
    with conn.cursor() as cur:
        # ruleid: python.sql-string-formatting
        cur.execute(sql)
        return cur.fetchall()


def latest_orders(conn, limit):
    sql = "SELECT * FROM orders ORDER BY created_at DESC LIMIT %s"
    with conn.cursor() as cur:
        # ok: python.sql-string-formatting
        cur.execute(sql, (limit,))
        return cur.fetchall()


def user_rows(session, username):
    stmt = f"SELECT * FROM users WHERE username = '{username}'"
    # ruleid: python.sql-string-formatting
    return session.execute(text(stmt)).fetchall()


def user_rows_bound(session, username):
    # ok: python.sql-string-formatting
    return session.execute(text("SELECT * FROM users WHERE username = :u"), {"u": username}).fetchall()


def user_rows_text(session, username):
    # ruleid: python.sql-string-formatting
    return session.execute(text(f"SELECT * FROM users WHERE username = '{username}'")).fetchall()


def products_raw(category):
    # ruleid: python.sql-string-formatting
    return Product.objects.raw(f"SELECT * FROM shop_product WHERE category = '{category}'")


def products_raw_params(category):
    # ok: python.sql-string-formatting
    return Product.objects.raw("SELECT * FROM shop_product WHERE category = %s", [category])


def annotate_score(qs, weight):
    # ruleid: python.sql-string-formatting
    return qs.annotate(score=RawSQL("SELECT %s * rating FROM shop_review" % weight, ()))


def sales_report(engine, region):
    # ruleid: python.sql-string-formatting
    return pd.read_sql(f"SELECT * FROM sales WHERE region = '{region}'", engine)


def sales_report_params(engine, region):
    # ok: python.sql-string-formatting
    return pd.read_sql("SELECT * FROM sales WHERE region = %(region)s", engine, params={"region": region})


def raw_cursor_query(owner):
    query = "SELECT id FROM documents WHERE owner = '%s'" % owner
    with connection.cursor() as cursor:
        # ruleid: python.sql-string-formatting
        cursor.execute(query)
        return [row[0] for row in cursor.fetchall()]


async def fetch_invoices(pool, status):
    async with pool.acquire() as conn:
        # ruleid: python.sql-string-formatting
        return await conn.fetch(f"SELECT * FROM invoices WHERE status = '{status}'")


async def fetch_invoices_bound(pool, status):
    async with pool.acquire() as conn:
        # ok: python.sql-string-formatting
        return await conn.fetch("SELECT * FROM invoices WHERE status = $1", status)


def run_task(executor, job_name):
    # Not SQL: an executor running a named job.
    # ok: python.sql-string-formatting
    executor.execute(f"nightly-{job_name}")


def log_query(logger, table):
    # ok: python.sql-string-formatting
    logger.info(f"SELECT issued against {table}")


def migrate(cur):
    # ok: python.sql-string-formatting
    cur.executescript("""
        CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, msg TEXT);
        CREATE INDEX IF NOT EXISTS audit_msg ON audit (msg);
    """)


def order_ids(cur, customer):
    query = "SELECT id FROM orders WHERE customer = '{}'".format(customer)
    # ruleid: python.sql-string-formatting
    rows = cur.execute(query).fetchall()
    return [r[0] for r in rows]


def newest_order(cur, customer):
    query = ("SELECT id FROM orders "
             f"WHERE customer = '{customer}' ORDER BY created_at DESC")
    # ruleid: python.sql-string-formatting
    return cur.execute(query).fetchone()


async def purge_sessions(conn, user_id):
    sql = f"DELETE FROM sessions WHERE user_id = {user_id}"
    # ruleid: python.sql-string-formatting
    result = await conn.execute(sql)
    return result


def audit(cur, user):
    message = f"user {user} exported the report"
    # A formatted string without SQL in it is not reported.
    # ok: python.sql-string-formatting
    cur.execute(message)


AUDIT_TABLE = "audit_log"


def users_by_ids(conn, ids):
    placeholders = ",".join("?" for _ in ids)
    # Only generated "?" markers are interpolated; values are still bound.
    # ok: python.sql-string-formatting
    return conn.execute(f"SELECT * FROM users WHERE id IN ({placeholders})", ids).fetchall()


def users_by_ids_inline(cur, ids):
    # ok: python.sql-string-formatting
    cur.execute(f"SELECT * FROM users WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)
    return cur.fetchall()


def recent_audit(cur, limit):
    # ok: python.sql-string-formatting
    cur.execute(f"SELECT * FROM {AUDIT_TABLE} ORDER BY ts DESC LIMIT %s", (limit,))
    return cur.fetchall()


def audit_for(cur, actor):
    # ruleid: python.sql-string-formatting
    cur.execute(f"SELECT * FROM {AUDIT_TABLE} WHERE actor = '{actor}'")
    return cur.fetchall()


def audit_for_two_step(cur, actor):
    query = f"SELECT * FROM {AUDIT_TABLE} WHERE actor = '{actor}'"
    # ruleid: python.sql-string-formatting
    cur.execute(query)
    return cur.fetchall()


def search_products(session):
    from flask import request
    from sqlalchemy import select, text

    term = request.args["q"]
    # ok: python.sql-string-formatting
    by_name = session.execute(select(Product).where(Product.name.ilike(f"%{term}%"))).scalars().all()
    # ok: python.sql-string-formatting
    exact = session.execute(select(Product).filter_by(name=term).order_by(Product.id)).scalars().all()
    # ruleid: python.sql-string-formatting
    raw = session.execute(select(Product).where(text(f"name LIKE '%{term}%'"))).scalars().all()
    return by_name, exact, raw
