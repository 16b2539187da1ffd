"""SQLAlchemy's raw-SQL fragments: `literal_column()` and `text()`, reported where they are made."""
from flask import Flask, request
from sqlalchemy import column, create_engine, func, literal_column, select, table, text

app = Flask(__name__)
engine = create_engine("sqlite:///stats.db")
events = table("events", column("id"), column("country"), column("created_at"))
GROUPS = {"country": "country", "day": "date(created_at)"}


@app.get("/stats/by")
def stats_by():
    # ruleid: python.sql-string-formatting
    bucket = literal_column(request.args["group"]).label("bucket")
    stmt = select(bucket, func.count(events.c.id)).group_by(bucket)
    with engine.connect() as conn:
        # ok: python.sql-string-formatting
        return {"rows": [list(r) for r in conn.execute(stmt)]}


@app.get("/stats/by-known")
def stats_by_known():
    # ok: python.sql-string-formatting
    bucket = literal_column(GROUPS.get(request.args["group"], "country")).label("bucket")
    stmt = select(bucket, func.count(events.c.id)).group_by(bucket)
    with engine.connect() as conn:
        return {"rows": [list(r) for r in conn.execute(stmt)]}


@app.get("/stats/sorted")
def stats_sorted():
    order = request.args.get("order", "id")
    # ruleid: python.sql-string-formatting
    stmt = text(f"SELECT id, country FROM events ORDER BY {order}")
    with engine.connect() as conn:
        # ok: python.sql-string-formatting
        return {"rows": [list(r) for r in conn.execute(stmt)]}


@app.get("/stats/sorted-known")
def stats_sorted_known():
    order = "created_at" if request.args.get("order") == "date" else "id"
    # ok: python.sql-string-formatting
    stmt = text(f"SELECT id, country FROM events ORDER BY {order}")
    with engine.connect() as conn:
        return {"rows": [list(r) for r in conn.execute(stmt)]}
