"""pymongo `$where` clauses and joblib model files."""
import joblib
from fastapi import FastAPI
from pymongo import MongoClient

app = FastAPI()
db = MongoClient()["lab"]
OWNER_CHECK = "this.owner == this.creator"
MODEL_FILE = "/models/current.joblib"


@app.get("/runs")
def runs(owner: str):
    # ruleid: python.nosql-where
    return list(db.runs.find({"$where": f"this.owner == '{owner}'"}))


@app.get("/runs/by")
def runs_by(owner: str):
    clause = "this.owner == '" + owner + "'"
    # ruleid: python.nosql-where
    return list(db.runs.find({"$where": clause}))


@app.get("/runs/own")
def runs_own():
    # ok: python.nosql-where
    return list(db.runs.find({"$where": OWNER_CHECK}))


@app.get("/runs/plain")
def runs_plain(owner: str):
    # ok: python.nosql-where
    return list(db.runs.find({"owner": owner}))


@app.get("/models/{name}")
def model(name: str):
    # ruleid: python.pickle-load
    return {"ok": bool(joblib.load(f"/models/{name}.joblib"))}


@app.get("/models")
def current_model():
    # ok: python.pickle-load
    return {"ok": bool(joblib.load(MODEL_FILE))}
