// Catalog search and login redirect handlers (ESM).
import express from "express";
import escapeStringRegexp from "escape-string-regexp";

export const router = express.Router();
const products = [];

router.get("/search", (req, res) => {
  // ruleid: js.regexp-from-request
  const re = new RegExp(req.query.search, "i");
  res.json(products.filter((p) => re.test(p.name)));
});

router.get("/by-prefix/:prefix", (req, res) => {
  // ruleid: js.regexp-from-request
  const re = RegExp("^" + req.params.prefix);
  res.json(products.filter((p) => re.test(p.sku)));
});

router.get("/tags", (req, res) => {
  // ruleid: js.regexp-from-request
  const re = new RegExp(`\\b(${req.query.tags.split(",").join("|")})\\b`);
  res.json(products.filter((p) => re.test(p.tags.join(" "))));
});

router.get("/search-safe", (req, res) => {
  // ok: js.regexp-from-request
  const re = new RegExp(escapeStringRegexp(String(req.query.search)), "i");
  res.json(products.filter((p) => re.test(p.name)));
});

// ok: js.regexp-from-request
const SKU = new RegExp("^[A-Z]{3}-\\d{4}$");

// ok: js.regexp-from-request
const fromConfig = new RegExp(process.env.ALLOWED_HOSTS_PATTERN);

router.post("/login", async (req, res) => {
  await signIn(req);
  // ruleid: js.open-redirect
  res.redirect(req.query.returnTo);
});

router.get("/logout", (req, res) => {
  req.session = null;
  // ruleid: js.open-redirect
  res.redirect(302, req.query["next"]);
});

router.get("/go", (req, res) => {
  const next = String(req.query.next || "/");
  const safe = next.startsWith("/") && !next.startsWith("//") ? next : "/";
  // ok: js.open-redirect
  res.redirect(safe);
});

router.get("/home", (req, res) => {
  // ok: js.open-redirect
  res.redirect(`/users/${req.params.id}`);
});

async function signIn(req) {
  return req.body.user;
}
