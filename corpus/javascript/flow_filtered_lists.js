// Lists filtered by a check on each element: only what the check lets through is kept.
const { execSync } = require("child_process");
const { Pool } = require("pg");

const pool = new Pool();
const COLUMNS = ["id", "title", "created_at"];

exports.grep = (req, res) => {
  const words = String(req.query.words || "").split(",").filter((w) => w.length > 0);
  // ruleid: js.exec-command-interpolation
  res.send(execSync(`grep -r ${words.join(" -e ")} /srv/logs`).toString());
};

exports.grepWords = (req, res) => {
  const words = String(req.query.words || "").split(",").filter((w) => /^\w+$/.test(w));
  // ok: js.exec-command-interpolation
  res.send(execSync(`grep -r ${words.join(" -e ")} /srv/logs`).toString());
};

exports.columns = async (req, res) => {
  const wanted = req.query.cols.split(",").filter((c) => c.trim() !== "");
  // ruleid: js.sql-injection-query
  const r = await pool.query(`SELECT ${wanted.join(", ")} FROM posts`);
  res.json(r.rows);
};

exports.knownColumns = async (req, res) => {
  const wanted = req.query.cols.split(",").filter((c) => COLUMNS.includes(c));
  // ok: js.sql-injection-query
  const r = await pool.query(`SELECT ${wanted.join(", ")} FROM posts`);
  res.json(r.rows);
};
