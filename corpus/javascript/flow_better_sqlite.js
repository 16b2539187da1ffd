// better-sqlite3: a statement is compiled from the text given to `prepare`.
const Database = require("better-sqlite3");
const express = require("express");

const db = new Database("shop.db");
const app = express();

function findOrders(customerId, sortBy) {
  let sql = "SELECT * FROM orders WHERE customer_id = ?";
  sql += " ORDER BY " + sortBy;
  // ruleid: js.sql-injection-query
  return db.prepare(sql).all(customerId);
}

function findInvoices(customerId) {
  const sql = "SELECT * FROM invoices WHERE customer_id = ? ORDER BY created_at";
  // ok: js.sql-injection-query
  return db.prepare(sql).all(customerId);
}

const SORTABLE = new Set(["created_at", "total"]);

function findRefunds(customerId, sortBy) {
  const column = SORTABLE.has(sortBy) ? sortBy : "created_at";
  // ok: js.sql-injection-query
  return db.prepare("SELECT * FROM refunds WHERE customer_id = ? ORDER BY " + column).all(customerId);
}

app.get("/orders", (req, res) => {
  res.json({
    orders: findOrders(req.query.customer, req.query.sort),
    invoices: findInvoices(req.query.customer),
    refunds: findRefunds(req.query.customer, req.query.sort),
  });
});
