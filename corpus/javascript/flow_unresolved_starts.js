// A start check keeps a path inside its root only once `..` is resolved: `path.join` and
// `path.resolve` normalise, a template string does not, and a check of the raw name before the
// join checks nothing of where the joined path leads.
const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const BASE = path.join(__dirname, "reports");
const DATA = path.join(__dirname, "data");

app.get("/reports/template", (req, res) => {
  const file = `${BASE}/${req.query.name}`;
  if (!file.startsWith(BASE)) return res.sendStatus(403);
  // ruleid: js.path-traversal-request
  fs.createReadStream(file).pipe(res);
});

app.get("/reports/joined", (req, res) => {
  const file = path.join(BASE, String(req.query.name));
  if (!file.startsWith(BASE + path.sep)) return res.sendStatus(403);
  // ok: js.path-traversal-request
  fs.createReadStream(file).pipe(res);
});

app.get("/files", (req, res) => {
  const rel = String(req.query.path || "");
  if (!rel.startsWith("uploads/")) return res.sendStatus(403);
  const full = path.join(DATA, rel);
  // ruleid: js.path-traversal-request
  res.sendFile(full);
});

app.get("/files/resolved", async (req, res) => {
  const full = await fs.promises.realpath(path.join(DATA, String(req.query.path)));
  if (!full.startsWith(DATA + path.sep)) return res.sendStatus(403);
  // ok: js.path-traversal-request
  res.sendFile(full);
});

module.exports = app;
