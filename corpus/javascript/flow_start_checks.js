// A check of how a value starts fixes where a URL or a path leads, not what the rest of the text
// does in markup or SQL.
const express = require("express");
const path = require("path");
const { Pool } = require("pg");

const app = express();
const pool = new Pool();
const NOTES = path.resolve(__dirname, "notes");

app.get("/flash", (req, res) => {
  const note = String(req.query.note || "");
  if (!note.startsWith("flash=")) return res.sendStatus(400);
  // ruleid: js.xss-response
  res.send("<p class='flash'>" + note.slice(6) + "</p>");
});

app.get("/flash/escaped", (req, res) => {
  const note = String(req.query.note || "");
  if (!note.startsWith("flash=")) return res.sendStatus(400);
  const text = note.slice(6).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  // ok: js.xss-response
  res.send("<p class='flash'>" + encodeURIComponent(text) + "</p>");
});

app.get("/orders", async (req, res) => {
  const filter = String(req.query.filter || "");
  if (!filter.startsWith("status = ")) return res.sendStatus(400);
  // ruleid: js.sql-injection-query
  const { rows } = await pool.query("SELECT * FROM orders WHERE " + filter);
  res.json(rows);
});

// The same start check on a path: joined under the root, it stays inside.
app.get("/notes", (req, res) => {
  const file = path.resolve(NOTES, String(req.query.name));
  if (!file.startsWith(NOTES + path.sep)) return res.sendStatus(400);
  // ok: js.path-traversal-request
  res.sendFile(file);
});

// A start check that names the folder contains the path: the file read there is the program's,
// and so is the page made of it.
app.get("/notes/page", (req, res) => {
  const file = path.resolve(NOTES, String(req.query.name) + ".html");
  if (!file.startsWith(NOTES + path.sep)) return res.sendStatus(400);
  const page = require("fs").readFileSync(file, "utf8");
  // ok: js.xss-response
  res.type("html").send(`<article>${page}</article>`);
});

function showFlash(box) {
  const hash = decodeURIComponent(window.location.hash.slice(1));
  if (!hash.startsWith("flash=")) return;
  // ruleid: js.dom-html-injection
  box.innerHTML = hash.slice(6);
}

module.exports = { app, showFlash };
