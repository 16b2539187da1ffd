// Express request data read the older or indirect ways: `req.param()`, `req.path`, and lodash's
// `_.get(req, "query.x")`.
const _ = require("lodash");
const express = require("express");
const fs = require("fs");
const path = require("path");
const { Pool } = require("pg");

const app = express();
const pool = new Pool();
const MANUALS = path.join(__dirname, "manuals");

app.get("/manual", (req, res) => {
  const file = req.param("file");
  // ruleid: js.path-traversal-request
  fs.readFile(path.join(MANUALS, file), "utf8", (err, text) => res.send(err ? "" : text));
});

app.get("/manual-index", (req, res) => {
  const file = path.basename(req.param("file"));
  // ok: js.path-traversal-request
  fs.readFile(path.join(MANUALS, file), "utf8", (err, text) => res.send(err ? "" : text));
});

app.use((req, res) => {
  // ruleid: js.xss-response
  res.status(404).send("<p>No page at " + req.path + "</p>");
});

app.use((req, res) => {
  // ok: js.xss-response
  res.status(404).send("<p>No page at " + encodeURIComponent(req.path) + "</p>");
});

app.get("/tickets", async (req, res) => {
  const field = _.get(req, "query.sort", "created_at");
  // ruleid: js.sql-injection-query
  const r = await pool.query("SELECT id FROM tickets ORDER BY " + field);
  res.json(r.rows);
});

app.get("/tickets-sorted", async (req, res) => {
  const field = _.get(req, "query.sort", "created_at");
  const column = ["created_at", "priority"].includes(field) ? field : "created_at";
  // ok: js.sql-injection-query
  const r = await pool.query("SELECT id FROM tickets ORDER BY " + column);
  res.json(r.rows);
});

app.get("/preview", async (req, res) => {
  const {
    query: { target },
  } = req;
  // ruleid: js.ssrf
  const r = await fetch(target);
  res.send(await r.text());
});

app.get("/preview-default", async (req, res) => {
  const {
    locals: { target = "https://preview.example.com/default" } = {},
  } = { locals: {} };
  // ok: js.ssrf
  const r = await fetch(target);
  res.send(await r.text());
});

app.post("/import", async (req, res) => {
  const { body: { source: { url } = {} } } = req;
  // ruleid: js.ssrf
  res.json((await fetch(url)).status);
});

app.get("/greeting", (req, res) => {
  // ruleid: js.xss-response
  res.send("<p>Welcome back, " + req.signedCookies.display + "</p>");
});

app.get("/greeting-plain", (req, res) => {
  // ok: js.xss-response
  res.send("<p>Welcome back, " + encodeURIComponent(req.signedCookies.display) + "</p>");
});

app.get("/audit/:userId", async (req, res) => {
  const size = Math.min(Number.parseInt(req.query.size, 10) || 25, 200);
  const text = `SELECT id, action FROM audit_log WHERE user_id = $1 LIMIT ${size}`;
  // ok: js.sql-injection-query
  const result = await pool.query({ text, values: [req.params.userId] });
  res.json(result.rows);
});

app.get("/audit-by-action/:action", async (req, res) => {
  // ok: js.xss-url-attribute
  // ruleid: js.sql-string-built
  const text = `SELECT id, user_id FROM audit_log WHERE action = '${req.params.action}'`;
  // ruleid: js.sql-injection-query
  const result = await pool.query({ text, values: [] });
  res.json(result.rows);
});
