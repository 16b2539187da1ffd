// Team admin on mysql2's promise API.
const express = require("express");
const mysql = require("mysql2");

const app = express();
app.use(express.json());
const pool = mysql.createPool({ host: "db", user: "app", database: "teams" });

app.post("/teams", async (req, res) => {
  const { name, owner } = req.body;
  // ruleid: js.sql-string-built
  const sql = `INSERT INTO teams (name, owner) VALUES ('${name}', '${owner}')`;
  // ruleid: js.sql-injection-query
  const [result] = await pool.promise().execute(sql);
  res.json({ id: result.insertId });
});

app.post("/teams-safe", async (req, res) => {
  const { name, owner } = req.body;
  // ok: js.sql-injection-query
  const [result] = await pool.promise().execute("INSERT INTO teams (name, owner) VALUES (?, ?)", [name, owner]);
  res.json({ id: result.insertId });
});

app.get("/teams/:id", async (req, res) => {
  // ruleid: js.sql-string-built
  const query = "SELECT * FROM teams WHERE id = " + req.params.id;
  // ruleid: js.sql-injection-query
  const [rows] = await pool.promise().query(query);
  res.json(rows[0]);
});

app.get("/teams-count", async (req, res) => {
  // ok: js.sql-injection-query
  const [rows] = await pool.promise().query("SELECT COUNT(*) AS n FROM teams");
  res.json(rows[0]);
});

const ORDER_COLUMNS = { date: "created_at", total: "total_cents" };

app.post("/teams/list", async (req, res) => {
  const { orderBy } = req.body;
  const column = ORDER_COLUMNS[orderBy] ?? "created_at";
  // ok: js.sql-string-built
  const sql = "SELECT * FROM teams ORDER BY " + column;
  // ruleid: js.sql-string-built
  const raw = "SELECT * FROM teams ORDER BY " + orderBy;
  const [rows] = await pool.promise().query(sql);
  res.json({ rows, raw: raw.length });
});
