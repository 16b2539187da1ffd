import express from "express";
import { Pool } from "pg";
import { z } from "zod";

const pool = new Pool();
const app = express();
app.use(express.json());

// A schema of numbers parses to numbers or fails: the ids joined are digits and commas.
const idsSchema = z.array(z.coerce.number().int().positive()).min(1).max(200);
const namesSchema = z.array(z.string()).min(1);

app.post("/bookmarks/delete", async (req, res) => {
  const parsed = idsSchema.safeParse(req.body.ids);
  if (!parsed.success) return res.sendStatus(400);
  // ok: js.sql-injection-query
  await pool.query(`DELETE FROM bookmarks WHERE id IN (${parsed.data.join(",")})`);
  res.sendStatus(204);
});

app.post("/tags/delete", async (req, res) => {
  const parsed = namesSchema.safeParse(req.body.names);
  if (!parsed.success) return res.sendStatus(400);
  // ruleid: js.sql-injection-query
  await pool.query(`DELETE FROM tags WHERE name IN ('${parsed.data.join("','")}')`);
  res.sendStatus(204);
});

app.get("/page", async (req, res) => {
  const limit = z.coerce.number().int().max(100).parse(req.query.limit);
  // ok: js.sql-injection-query
  const { rows } = await pool.query(`SELECT id FROM posts ORDER BY id LIMIT ${limit}`);
  res.json(rows);
});

export default app;
