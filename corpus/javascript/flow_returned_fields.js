// A helper returns `{ text, params }`: the caller reads each field as that part of it.
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const router = express.Router();
const COLUMNS = { created: "created_at", total: "total_cents" };

function listQuery({ status, sort }) {
  const params = [];
  let text = "SELECT id, total_cents FROM orders";
  if (status) {
    params.push(String(status));
    text += ` WHERE status = $${params.length}`;
  }
  text += ` ORDER BY ${COLUMNS[sort] || COLUMNS.created}`;
  return { text, params };
}

function searchQuery({ term }) {
  return { text: `SELECT id FROM orders WHERE note LIKE '%${term}%'`, params: [] };
}

router.get("/orders", async (req, res) => {
  const q = listQuery(req.query);
  // ok: js.sql-injection-query
  const { rows } = await pool.query(q.text, q.params);
  res.json(rows);
});

router.get("/orders/search", async (req, res) => {
  const q = searchQuery(req.query);
  // ruleid: js.sql-injection-query
  const { rows } = await pool.query(q.text, q.params);
  res.json(rows);
});

module.exports = router;

// The result passed on whole: the helper it goes to reads each field as that part of it.
const MIRRORS = { eu: "https://eu.mirror.example.org", us: "https://us.mirror.example.org" };

function mirrorTarget(query) {
  return { base: MIRRORS[query.region] || MIRRORS.eu, path: String(query.path) };
}

function pingMirror(target) {
  // ok: js.ssrf
  return fetch(target.base);
}

function fetchFromMirror(target) {
  // ruleid: js.ssrf
  return fetch(target.path);
}

router.get("/mirror", async (req, res) => {
  const target = mirrorTarget(req.query);
  await pingMirror(target);
  res.send(await (await fetchFromMirror(target)).text());
});
