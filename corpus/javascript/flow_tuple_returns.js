// A helper that returns the SQL text and its parameters as a pair: the names the pair is taken
// apart into hold their own elements, so the parameter list that carries the request's values
// does not taint the text built only from constants beside it.
const express = require("express");
const mysql = require("mysql2");

const app = express();
const pool = mysql.createPool({ host: "localhost" });
const SEARCHABLE = ["name", "city", "team"];

function buildSearch(query) {
  const clauses = [];
  const params = [];
  for (const column of SEARCHABLE) {
    if (query[column]) {
      clauses.push(`${column} = ?`);
      params.push(query[column]);
    }
  }
  return [clauses.join(" AND ") || "1 = 1", params];
}

function buildUnsafeSearch(query) {
  return [`name = '${query.name}'`, []];
}

app.get("/people", (req, res) => {
  const [where, params] = buildSearch(req.query);
  // ok: js.sql-injection-query
  pool.query(`SELECT id FROM people WHERE ${where}`, params, (err, rows) => res.json(rows));
});

app.get("/people-unsafe", (req, res) => {
  const [where, params] = buildUnsafeSearch(req.query);
  // ruleid: js.sql-injection-query
  pool.query(`SELECT id FROM people WHERE ${where}`, params, (err, rows) => res.json(rows));
});

// The same as an object: the fields a pattern takes out hold their own values.
function buildWhere(filters) {
  const clauses = [];
  const params = [];
  for (const field of SEARCHABLE) {
    if (typeof filters[field] === "string") {
      clauses.push(`${field} LIKE ?`);
      params.push(`%${filters[field]}%`);
    }
  }
  return { where: clauses.length ? "WHERE " + clauses.join(" AND ") : "", params };
}

async function loadFilter(query) {
  return { clause: `WHERE name = '${query.name}'`, values: [] };
}

function withDefaults(query) {
  return { where: "", ...query };
}

app.get("/employees", async (req, res) => {
  const { where, params } = buildWhere(req.query);
  // ok: js.sql-injection-query
  pool.query(`SELECT id FROM employees ${where}`, params, (err, rows) => res.json(rows));
  const { clause: unsafeClause, values } = await loadFilter(req.query);
  // ruleid: js.sql-injection-query
  pool.query(`SELECT id FROM employees ${unsafeClause}`, values, (err, rows) => res.json(rows));
  // A spread written after a field may replace it: `where` is the request's here.
  const { where: spread } = withDefaults(req.query);
  // ruleid: js.sql-injection-query
  pool.query(`SELECT id FROM employees ${spread}`, (err, rows) => res.json(rows));
});
