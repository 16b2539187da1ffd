// Express sends a string body as text/html, whatever its first characters are.
const express = require("express");
const escapeHtml = require("escape-html");
const Hoek = require("@hapi/hoek");
const router = express.Router();

router.get("/welcome", (req, res) => {
  const visitor = req.query.visitor;
  // ruleid: js.xss-response
  res.send("Welcome back, " + visitor);
});

router.get("/welcome-escaped", (req, res) => {
  const visitor = escapeHtml(req.query.visitor);
  // ok: js.xss-response
  res.send("Welcome back, " + visitor);
});

router.delete("/items/:sku", (req, res) => {
  // ruleid: js.xss-response
  res.status(404).send(`Unknown item ${req.params.sku}`);
});

router.delete("/items-by-number/:n", (req, res) => {
  const n = Number(req.params.n);
  // ok: js.xss-response
  res.status(404).send(`Unknown item ${n}`);
});

router.get("/say", (req, res) => {
  // ruleid: js.xss-response
  res.send(req.query.words);
});

router.get("/say-json", (req, res) => {
  // ok: js.xss-response
  res.json({ words: req.query.words });
});

router.get("/say-plain", (req, res) => {
  // ok: js.xss-response
  res.type("text/plain").send("You said " + req.query.words);
});

router.post("/snippet", (req, res) => {
  // ruleid: js.xss-response
  res.set("Content-Type", "text/html").send(req.body.snippet);
});

router.post("/snippet-text", (req, res) => {
  // ok: js.xss-response
  res.set("Content-Type", "text/html").send(escapeHtml(req.body.snippet));
});

module.exports = router;

router.post("/guestbook", (req, res) => {
  // ruleid: js.xss-response
  res.send(req.body.entry);
});

router.get("/files/*", (req, res) => {
  // ruleid: js.xss-response
  res.status(404).send("No such file: " + req.params[0]);
});

router.post("/guestbook-count", (req, res) => {
  // ok: js.xss-response
  res.send(`Entries: ${req.body.entries.length}`);
});

router.get("/moved", (req, res) => {
  // ruleid: js.open-redirect
  res.set("Location", req.query.dest);
  res.status(301).end();
});

router.get("/moved-home", (req, res) => {
  // ok: js.open-redirect
  res.header("Location", "/home");
  res.status(301).end(req.query.dest ? "moved" : "");
});

router.get("/moved-back", (req, res) => {
  // ruleid: js.open-redirect
  res.header("location", req.get("referer"));
  res.sendStatus(302);
});

router.post("/drafts/purge", async (req, res) => {
  const outcome = await req.app.locals.drafts.deleteMany({ author: String(req.body.author) });
  // ok: js.xss-response
  res.send("Removed " + outcome.deletedCount + " drafts");
});

router.post("/drafts/purge-echo", async (req, res) => {
  await req.app.locals.drafts.deleteMany({ author: String(req.body.author) });
  // ruleid: js.xss-response
  res.send("Removed the drafts of " + req.body.author);
});

router.get("/unsubscribed", (req, res) => {
  // ok: js.xss-response
  res.send(`<p>${Hoek.escapeHtml(req.query.email)} will get no more mail.</p>`);
});

// What a parameterised query returns is the database's, not the term bound into it.
router.get("/products/search", async (req, res) => {
  const term = String(req.query.q || "");
  const { rows } = await req.app.locals.pool.query(
    "SELECT name FROM products WHERE name ILIKE $1 LIMIT 20",
    [`%${term}%`],
  );
  // ok: js.xss-response
  res.send(`<ul>${rows.map((r) => `<li>${r.name}</li>`).join("")}</ul>`);
});

router.get("/products/search-echo", async (req, res) => {
  const term = String(req.query.q || "");
  const { rows } = await req.app.locals.pool.query("SELECT name FROM products WHERE name ILIKE $1", [term]);
  // ruleid: js.xss-response
  res.send(`<h2>${rows.length} results for ${term}</h2>`);
});

// State handed to a page's script as JSON, with `<` written as `\u003c`: no tag can close it.
router.get("/embed", (req, res) => {
  const state = JSON.stringify({ ref: req.query.ref }).replace(/</g, "\\u003c");
  // ok: js.xss-response
  res.send(`<script>window.__STATE__ = ${state};</script>`);
});

router.get("/embed-raw", (req, res) => {
  const state = JSON.stringify({ ref: req.query.ref });
  // ruleid: js.xss-response
  res.send(`<script>window.__STATE__ = ${state};</script>`);
});
