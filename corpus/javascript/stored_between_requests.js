// Request data kept between calls: in the session, in `res.locals` by middleware, in a
// module-level Map one route fills and another reads.
const express = require("express");
const { Pool } = require("pg");
const { User } = require("./models");

const app = express();
const pool = new Pool();
const savedReports = new Map();
const ALLOWED_RETURNS = new Set(["/", "/account", "/orders"]);

app.get("/login", (req, res) => {
  req.session.returnTo = req.query.returnTo;
  res.render("login");
});

app.get("/auth/callback", (req, res) => {
  // ruleid: js.open-redirect
  res.redirect(req.session.returnTo || "/");
});

app.get("/auth/done", (req, res) => {
  const target = req.session.returnTo;
  // ok: js.open-redirect
  res.redirect(ALLOWED_RETURNS.has(target) ? target : "/");
});

app.use((req, res, next) => {
  res.locals.term = req.query.term;
  next();
});

app.get("/search", (req, res) => {
  // ruleid: js.xss-response
  res.send(`<h1>Results for ${res.locals.term}</h1>`);
});

app.post("/reports", express.json(), (req, res) => {
  savedReports.set(req.body.name, req.body.sql);
  res.sendStatus(201);
});

app.get("/reports/:name", async (req, res) => {
  const sql = savedReports.get(req.params.name);
  // ruleid: js.sql-injection-query
  const result = await pool.query(sql);
  res.json(result.rows);
});

app.put("/me", express.json(), async (req, res) => {
  // ruleid: js.mass-assignment
  await User.update(req.body, { where: { id: req.session.userId } });
  res.sendStatus(204);
});

// A helper keeps what its caller passes in a module-level registry; another function reads it.
const got = require("got");
const subscriptions = new Map();

function subscribe(tenantId, url) {
  subscriptions.set(tenantId, { url, createdAt: Date.now() });
}

async function notifyTenant(tenantId, payload) {
  const sub = subscriptions.get(tenantId);
  if (!sub) return;
  // ruleid: js.ssrf
  await got.post(sub.url, { json: payload });
}

app.put("/tenants/:id/webhook", express.json(), (req, res) => {
  subscribe(req.params.id, req.body.url);
  res.sendStatus(204);
});

app.post("/tenants/:id/ping", async (req, res) => {
  await notifyTenant(req.params.id, { ping: true });
  res.sendStatus(202);
});

// Fields middleware sets on the request for later handlers.
app.use((req, res, next) => {
  req.tenantSlug = req.query.tenant;
  req.pageSize = Number(req.query.size) || 20;
  next();
});

app.get("/tenant/reports", async (req, res) => {
  // ruleid: js.sql-injection-query
  const found = await pool.query(`SELECT * FROM reports WHERE tenant = '${req.tenantSlug}'`);
  // ok: js.sql-injection-query
  const page = await pool.query(`SELECT * FROM reports LIMIT ${req.pageSize}`);
  res.json({ found: found.rows, page: page.rows });
});

// A module-level object of a class of the file, filled by one route through its methods.
class WebhookBook {
  constructor() {
    this.urls = new Map();
  }
  add(tenant, url) {
    this.urls.set(tenant, url);
  }
  all() {
    return [...this.urls.values()];
  }
}

const webhooks = new WebhookBook();

app.post("/webhooks", express.json(), (req, res) => {
  webhooks.add(req.body.tenant, req.body.url);
  res.sendStatus(201);
});

app.post("/webhooks/fire", async (req, res) => {
  for (const url of webhooks.all()) {
    // ruleid: js.ssrf
    await got.post(url, { json: { fired: true } });
  }
  res.sendStatus(202);
});
