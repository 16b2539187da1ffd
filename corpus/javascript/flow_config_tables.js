// Tables the program loads from its own configuration (the environment, parsed and reshaped):
// the caller picks an entry, not its text. The same shapes built from the request body are not.
const express = require("express");
const axios = require("axios");

const app = express();
const CALLBACKS = new Map(Object.entries(JSON.parse(process.env.CALLBACKS ?? "{}")));
const MIRRORS = Object.fromEntries(JSON.parse(process.env.MIRRORS ?? "[]"));

app.post("/jobs/:id/done", async (req, res) => {
  const callback = CALLBACKS.get(req.body.integration);
  if (!callback) return res.status(404).end();
  // ok: js.ssrf
  await axios.post(callback, { job: req.params.id });
  res.end();
});

app.get("/mirror", async (req, res) => {
  const base = MIRRORS[req.query.region] || MIRRORS.default;
  // ok: js.ssrf
  const r = await axios.get(base);
  res.send(r.data);
});

app.post("/jobs/:id/notify", async (req, res) => {
  const settings = JSON.parse(req.body.settings);
  // ruleid: js.ssrf
  await axios.post(settings.callback, { job: req.params.id });
  res.end();
});

app.post("/jobs/:id/route", async (req, res) => {
  const routes = new Map(Object.entries(JSON.parse(req.body.routes)));
  // ruleid: js.ssrf
  await axios.post(routes.get("done"), { job: req.params.id });
  res.end();
});

// A frozen table is the object it froze: the request picks a column, not its text.
const { Pool } = require("pg");
const pool = new Pool();
const SORT_COLUMNS = Object.freeze({ created: "created_at", title: "title" });

app.get("/articles", async (req, res) => {
  const sort = SORT_COLUMNS[req.query.sort] || SORT_COLUMNS.created;
  // ok: js.sql-injection-query
  const { rows } = await pool.query(`SELECT id, title FROM articles ORDER BY ${sort}`);
  res.json(rows);
});

app.get("/articles/raw", async (req, res) => {
  const sort = Object.freeze(req.query.sort);
  // ruleid: js.sql-injection-query
  const { rows } = await pool.query(`SELECT id, title FROM articles ORDER BY ${sort}`);
  res.json(rows);
});

// The driver's own quoting on the repository's connection.
class UserRepository {
  constructor(db) {
    this.db = db;
  }

  search(fragment) {
    // ok: js.sql-string-built
    const sql = `SELECT id FROM users WHERE name LIKE ${this.db.escape(`%${fragment}%`)}`;
    // ok: js.sql-injection-query
    return this.db.query(sql);
  }

  searchRaw(fragment) {
    // ruleid: js.sql-string-built
    const sql = `SELECT id FROM users WHERE name LIKE '%${fragment}%'`;
    // ruleid: js.sql-injection-query
    return this.db.query(sql);
  }
}

app.get("/users", async (req, res) => {
  const repo = new UserRepository(pool);
  res.json(await repo.search(req.query.q));
  res.json(await repo.searchRaw(req.query.q));
});

app.listen(3000);
