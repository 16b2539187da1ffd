// A value passed along a promise chain: each `.then` callback gets what the promise holds and
// the chain holds what the callback returns.
const express = require("express");
const { marked } = require("marked");
const DOMPurify = require("isomorphic-dompurify");

const app = express();

app.get("/preview", async (req, res) => {
  const html = await Promise.resolve(String(req.query.text || ""))
    .then((md) => marked.parse(md))
    .then((rendered) => DOMPurify.sanitize(rendered));
  // ok: js.xss-response
  res.send(`<main>${html}</main>`);
});

app.get("/preview-raw", async (req, res) => {
  const html = await Promise.resolve(String(req.query.text || "")).then((md) => marked.parse(md));
  // ruleid: js.xss-response
  res.send(`<main>${html}</main>`);
});

app.get("/greet", (req, res) => {
  Promise.resolve(req.query.name)
    .then((name) => `Hello ${name}`)
    // ruleid: js.xss-response
    .then((greeting) => res.send(`<p>${greeting}</p>`));
});

app.get("/count", (req, res) => {
  Promise.resolve(req.query.name)
    .then((name) => String(name).length)
    // ok: js.xss-response
    .then((count) => res.send(`<p>${count} letters</p>`));
});

app.listen(3000);
