// A catch block may run after any statement of the try block: what it assigns joins what the
// try block assigned, not replaces it.
const express = require("express");
const db = require("./db");

const app = express();

app.get("/orders", async (req, res) => {
  let customer;
  try {
    customer = req.query.customer;
  } catch (err) {
    customer = "guest";
  }
  // ruleid: js.sql-injection-query
  res.json(await db.query("SELECT * FROM orders WHERE customer = '" + customer + "'"));
});

app.get("/orders/limit", async (req, res) => {
  let limit;
  try {
    limit = parseInt(req.query.limit, 10);
  } catch (err) {
    limit = 10;
  } finally {
    res.set("Cache-Control", "no-store");
  }
  // ok: js.sql-injection-query
  res.json(await db.query("SELECT * FROM orders LIMIT " + limit));
});

app.get("/orders/filter", async (req, res) => {
  let filter = req.query.filter;
  try {
    filter = JSON.stringify(JSON.parse(filter));
  } catch (err) {
    return res.status(400).send("bad filter");
  }
  // ruleid: js.sql-injection-query
  res.json(await db.query(`SELECT * FROM orders WHERE tags @> '${filter}'`));
});

app.get("/orders/page", async (req, res) => {
  const page = Math.max(1, Math.min(req.query.page, 500));
  // ok: js.sql-injection-query
  res.json(await db.query("SELECT * FROM orders LIMIT 20 OFFSET " + (page - 1) * 20));
  const sort = req.query.sort;
  // ruleid: js.sql-injection-query
  res.json(await db.query("SELECT * FROM orders ORDER BY " + sort + " LIMIT " + Math.min(page, 9)));
});
