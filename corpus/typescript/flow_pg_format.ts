// Queries built with pg-format: `%L` and `%I` quote, `%s` does not.
import express from "express";
import format from "pg-format";
import { Pool } from "pg";

const pool = new Pool();
const app = express();

app.get("/owners/:table", async (req, res) => {
  const sql = format("SELECT count(*) FROM %I WHERE owner = %L", req.params.table, req.query.owner);
  // ok: js.sql-injection-query
  const counted = await pool.query(sql);
  const raw = format("SELECT count(*) FROM %s WHERE owner = %L", req.params.table, req.query.owner);
  // ruleid: js.sql-injection-query
  const unquoted = await pool.query(raw);
  res.json({ counted: counted.rows, unquoted: unquoted.rows });
});
