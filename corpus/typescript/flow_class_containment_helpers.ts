// A store whose `resolve` returns the full path only inside its root (else null), and one that
// returns it unchecked.
import express from "express";
import fs from "fs";
import path from "path";

const STORAGE = path.resolve(process.env.STORAGE_DIR || "/data/files");

class CheckedStore {
  resolve(name: string): string | null {
    const full = path.resolve(STORAGE, name);
    if (!full.startsWith(STORAGE + path.sep)) return null;
    return full;
  }
}

class LooseStore {
  resolve(name: string): string {
    return path.join(STORAGE, name);
  }
}

const checked = new CheckedStore();
const loose = new LooseStore();
const app = express();

app.get("/files/:name", (req, res) => {
  const full = checked.resolve(req.params.name);
  if (!full) return res.status(400).end();
  // ok: js.path-traversal-request
  fs.createReadStream(full).pipe(res);
});

app.get("/raw/:name", (req, res) => {
  const full = loose.resolve(req.params.name);
  // ruleid: js.path-traversal-request
  fs.createReadStream(full).pipe(res);
});

// A repository of this file whose `find` runs a parameterised SQL query is not MongoDB's `find`.
import { Pool } from "pg";

class OrderRepository {
  private pool = new Pool();
  async find(status: string) {
    const result = await this.pool.query("SELECT * FROM orders WHERE status = $1", [status]);
    return result.rows;
  }
}

const orders = new OrderRepository();
app.get("/orders", async (req, res) => {
  // ok: js.nosql-operator-injection
  res.json(await orders.find(req.query.status as string));
});

app.get("/orders/raw", async (req, res) => {
  const collection = (req.app.locals.db as any).collection("orders");
  // ruleid: js.nosql-operator-injection
  res.json(await collection.find({ status: req.query.status }).toArray());
});
