// Every character outside letters, digits, `_` and `-` deleted: no dot, slash or tag survives. A
// class that keeps dots and slashes keeps `../`.
const fs = require("fs");
const path = require("path");
const express = require("express");

const app = express();
const DATA = path.resolve(__dirname, "data");

app.get("/reports", (req, res) => {
  const name = String(req.query.name).replace(/[^a-z0-9-]/gi, "");
  // ok: js.path-traversal-request
  res.send(fs.readFileSync(path.join(DATA, name + ".csv")));
});

app.get("/reports/nested", (req, res) => {
  const name = String(req.query.name).replace(/[^a-z0-9.\/-]/gi, "");
  // ruleid: js.path-traversal-request
  res.send(fs.readFileSync(path.join(DATA, name)));
});

app.get("/tags", (req, res) => {
  const tag = String(req.query.tag).replace(/[^\w-]+/g, "_");
  // ok: js.xss-response
  res.send("<span class='tag'>" + tag + "</span>");
});

app.get("/tags/loose", (req, res) => {
  const tag = String(req.query.tag).replace(/[^\w<>-]+/g, "_");
  // ruleid: js.xss-response
  res.send("<span class='tag'>" + tag + "</span>");
});

module.exports = app;
