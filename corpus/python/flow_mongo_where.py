"""MongoDB `$where` clauses that differ only in where their value came from."""
from fastapi import FastAPI
from motor.motor_asyncio import AsyncIOMotorClient as Motor
from pymongo import MongoClient

app = FastAPI()
db = MongoClient()["shop"]
adb = Motor()["shop"]

NEWEST_FIRST = "this.created > this.updated"


def owner_clause(owner):
    return "this.owner == '" + owner + "'"


OWNERS = {"ada", "grace", "linus"}


@app.get("/orders/helper")
def orders_helper(owner: str):
    # ruleid: python.nosql-where
    return list(db.orders.find({"$where": owner_clause(owner)}))


@app.get("/orders/known")
def orders_known(owner: str):
    if owner not in OWNERS:
        return []
    # ok: python.nosql-where
    return list(db.orders.find({"$where": f"this.owner == '{owner}'"}))


@app.get("/orders/steps")
def orders_steps(owner: str):
    name = owner.strip()
    clause = f"this.owner == '{name}'"
    # ruleid: python.nosql-where
    return list(db.orders.find({"$where": clause, "open": True}))


@app.get("/orders/limit")
def orders_limit(limit: str):
    count = int(limit)
    # ok: python.nosql-where
    return list(db.orders.find({"$where": f"this.items.length > {count}"}))


@app.get("/orders/async")
async def orders_async(owner: str):
    async with await Motor().start_session() as session:
        clause = "this.owner == '%s'" % owner
        # ruleid: python.nosql-where
        cursor = adb.orders.find({"$where": clause}, session=session)
        return await cursor.to_list(100)


@app.get("/orders/async-own")
async def orders_async_own():
    async with await Motor().start_session() as session:
        clause = NEWEST_FIRST
        # ok: python.nosql-where
        cursor = adb.orders.find({"$where": clause}, session=session)
        return await cursor.to_list(100)
