// What `map` returns is what its callback returns: placeholders numbered by the index are not
// the values they stand for.
const express = require("express");
const { Pool } = require("pg");

const pool = new Pool();
const app = express();
app.use(express.json());

app.post("/tags", async (req, res) => {
  const tags = req.body.tags;
  const marks = tags.map((_, i) => `$${i + 1}`).join(", ");
  // ok: js.sql-injection-query
  await pool.query(`DELETE FROM tags WHERE name IN (${marks})`, tags);
  res.sendStatus(204);
});

app.post("/tags-inline", async (req, res) => {
  const tags = req.body.tags;
  const quoted = tags.map((t) => `'${t}'`).join(", ");
  // ruleid: js.sql-injection-query
  await pool.query(`DELETE FROM tags WHERE name IN (${quoted})`);
  res.sendStatus(204);
});

app.post("/rows", async (req, res) => {
  const rows = req.body.rows;
  const tuples = Array.from(rows, (_row, i) => "($" + (2 * i + 1) + ", $" + (2 * i + 2) + ")");
  // ok: js.sql-injection-query
  await pool.query(`INSERT INTO kv(k, v) VALUES ${tuples.join(", ")}`, rows.flat());
  res.sendStatus(201);
});

app.post("/rows-inline", async (req, res) => {
  const rows = req.body.rows;
  const tuples = Array.from(rows, (row) => `('${row[0]}', '${row[1]}')`);
  // ruleid: js.sql-injection-query
  await pool.query(`INSERT INTO kv(k, v) VALUES ${tuples.join(", ")}`);
  res.sendStatus(201);
});

function renderStars(el, rating) {
  const stars = Array.from({ length: 5 }, (_, i) => (i < rating ? "&#9733;" : "&#9734;"));
  // ok: js.dom-html-injection
  el.innerHTML = stars.join("");
}

function renderNames(el, people) {
  // ruleid: js.dom-html-injection
  el.innerHTML = people.map((p) => `<li>${p.name}</li>`).join("");
}

function renderPlaceholders(el, people) {
  // ok: js.dom-html-injection
  el.innerHTML = people.map(() => "<li class=\"skeleton\"></li>").join("");
}

module.exports = { app, renderStars, renderNames, renderPlaceholders };
