// Values chosen in a `switch`: one case runs, so any case's value may reach what follows.
import express from "express";
import { QueryTypes, Sequelize } from "sequelize";

const sequelize = new Sequelize(process.env.DATABASE_URL ?? "sqlite::memory:");
const app = express();

app.get("/stats", async (req, res) => {
  let query: string;
  switch (String(req.query.kind)) {
    case "daily":
      // ruleid: js.sql-string-built
      query = "SELECT * FROM stats WHERE day = '" + req.query.day + "'";
      break;
    case "weekly":
      query = "SELECT * FROM stats_weekly";
      break;
    default:
      query = "SELECT * FROM stats LIMIT 100";
  }
  // ruleid: js.sql-injection-query
  const rows = await sequelize.query(query, { type: QueryTypes.SELECT });
  res.json(rows);
});

app.get("/sorted", async (req, res) => {
  let column: string;
  switch (req.query.sort) {
    case "name":
      column = "name";
      break;
    case "date":
      column = "created_at";
      break;
    default:
      column = "id";
  }
  // ok: js.sql-injection-query
  const rows = await sequelize.query("SELECT * FROM items ORDER BY " + column, { type: QueryTypes.SELECT });
  res.json(rows);
});

app.get("/report", async (req, res) => {
  let table = "reports";
  switch (req.query.scope) {
    case "archive":
      table = "reports_archive";
      break;
    case "custom":
      res.status(400).send("not supported");
      return;
  }
  // ok: js.sql-injection-query
  const rows = await sequelize.query(`SELECT * FROM ${table}`, { type: QueryTypes.SELECT });
  res.json(rows);
});
