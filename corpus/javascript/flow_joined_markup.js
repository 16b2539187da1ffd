// Rows of markup collected in an array and joined: the array starts with a tag, each push keeps
// that start, and the joined text is a page.
const express = require("express");
const escapeHtml = require("escape-html");

const app = express();

app.get("/list", (req, res) => {
  const rows = ["<ul>"];
  for (const tag of String(req.query.tags || "").split(",")) {
    rows.push(`<li>${tag}</li>`);
  }
  rows.push("</ul>");
  // ruleid: js.xss-response
  res.send(rows.join(""));
});

app.get("/list-escaped", (req, res) => {
  const rows = ["<ul>"];
  for (const tag of String(req.query.tags || "").split(",")) {
    rows.push(`<li>${escapeHtml(tag)}</li>`);
  }
  rows.push("</ul>");
  // ok: js.xss-response
  res.send(rows.join(""));
});

app.get("/csv", (req, res) => {
  const cells = [String(req.query.name || "")];
  cells.push("total");
  // ok: js.xss-response
  res.send(cells.join(","));
});
