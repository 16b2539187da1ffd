// An early exit on a negated conjunction: past it, every part of the conjunction holds.
const express = require("express");

const app = express();

app.get("/done", (req, res) => {
  const next = String(req.query.next || "");
  if (!(next.startsWith("/") && !next.startsWith("//"))) return res.redirect("/");
  // ok: js.open-redirect
  res.redirect(next);
});

app.get("/done-loose", (req, res) => {
  const next = String(req.query.next || "");
  if (!(next.length > 0 && !next.includes(" "))) return res.redirect("/");
  // ruleid: js.open-redirect
  res.redirect(next);
});

app.get("/done-either", (req, res) => {
  const next = String(req.query.next || "");
  if (!(next.startsWith("/") || next.length < 200)) return res.redirect("/");
  // ruleid: js.open-redirect
  res.redirect(next);
});

module.exports = app;
