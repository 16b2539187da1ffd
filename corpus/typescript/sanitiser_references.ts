// Sanitisers handed to `map` by name: each element comes back escaped.
import express from "express";

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const app = express();

app.get("/snippets", (req, res) => {
  const terms = String(req.query.terms ?? "").split(",");
  const patterns = terms
    .map((t) => t.trim().slice(0, 40))
    .filter((t) => t.length > 0)
    .map(escapeRegExp)
    // ok: js.regexp-from-request
    .map((t) => new RegExp(`(${t})`, "gi"));
  res.json({ count: patterns.length });
});

app.get("/snippets/raw", (req, res) => {
  const terms = String(req.query.terms ?? "").split(",");
  const patterns = terms
    .map((t) => t.trim())
    // ruleid: js.regexp-from-request
    .map((t) => new RegExp(`(${t})`, "gi"));
  res.json({ count: patterns.length });
});
