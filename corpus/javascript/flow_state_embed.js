// Page state embedded in a <script> block: serialize-javascript escapes `<`, `>` and `/`
// unless told `unsafe: true`.
const express = require("express");
const serialize = require("serialize-javascript");

const app = express();
app.use(express.json());

app.post("/drafts/preview", (req, res) => {
  const state = serialize(req.body, { isJSON: true });
  // ok: js.xss-response
  res.send(`<!doctype html><script>window.__STATE__ = ${state};</script>`);
});

app.post("/drafts/preview-fast", (req, res) => {
  const state = serialize(req.body, { unsafe: true });
  // ruleid: js.xss-response
  res.send(`<!doctype html><script>window.__STATE__ = ${state};</script>`);
});

app.post("/drafts/preview-plain", (req, res) => {
  const state = JSON.stringify(req.body);
  // ruleid: js.xss-response
  res.send(`<!doctype html><script>window.__STATE__ = ${state};</script>`);
});

app.get("/drafts/title", (req, res) => {
  // ok: js.xss-response
  res.send(`<!doctype html><script>window.__TITLE__ = ${serialize(String(req.query.title))};</script>`);
});

module.exports = app;
