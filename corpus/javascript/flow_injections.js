// An Express app with cards, search, accounts and sign-in: values from the request reach templates,
// response bodies, patterns, database filters and redirects; their twins differ only in where the
// value comes from or what was done to it.
const express = require("express");
const ejs = require("ejs");
const pug = require("pug");
const Handlebars = require("handlebars");
const escapeHtml = require("escape-html");
const escapeStringRegexp = require("escape-string-regexp");
const { Sequelize, literal } = require("sequelize");
const knex = require("knex")({ client: "pg" });
const { compile: compileCard } = require("ejs");

const app = express();
const sequelize = new Sequelize(process.env.DATABASE_URL);
const CARD = "<h1>Hello <%= name %></h1>";
const LAYOUTS = { plain: "p #{name}", bold: "b #{name}" };
const SAFE_PATHS = new Set(["/", "/account", "/orders"]);

function cardSource(greeting) {
  return "<h1>" + greeting + ", <%= name %></h1>";
}

function findByEmail(Users, email) {
  // ruleid: js.nosql-operator-injection
  return Users.findOne({ email });
}

function escapeForPattern(text) {
  return escapeStringRegexp(text);
}

// Templates.
app.get("/card", (req, res) => {
  const greeting = req.query.greeting;
  // ruleid: js.template-injection
  res.type("html").end(ejs.render("<h1>" + greeting + "</h1>"));
});

app.get("/card-data", (req, res) => {
  const greeting = req.query.greeting;
  // ok: js.template-injection
  res.type("html").end(ejs.render("<h1><%= greeting %></h1>", { greeting }));
});

app.post("/card-chain", (req, res) => {
  const first = req.body.layout;
  const second = first.trim();
  const third = second;
  // ruleid: js.template-injection
  res.type("html").end(pug.render(third, { name: "guest" }));
});

app.post("/card-layout", (req, res) => {
  const layout = LAYOUTS[req.body.style] || LAYOUTS.plain;
  // ok: js.template-injection
  res.type("html").end(pug.render(layout, { name: req.body.name }));
});

app.get("/card-helper", (req, res) => {
  const source = cardSource(req.query.greeting);
  // ruleid: js.template-injection
  res.type("html").end(compileCard(source)({ name: "guest" }));
});

app.get("/card-fixed", (req, res) => {
  const source = cardSource("Welcome");
  // ok: js.template-injection
  res.type("html").end(compileCard(source)({ name: req.query.name }));
});

app.get("/badge", (req, res) => {
  // ruleid: js.template-injection
  const badge = Handlebars.compile(`<span>${req.query.label}</span>`);
  res.type("html").end(badge({}));
});

app.get("/badge-data", (req, res) => {
  // ok: js.template-injection
  const badge = Handlebars.compile("<span>{{label}}</span>");
  res.type("html").end(badge({ label: req.query.label }));
});

// HTML response bodies.
app.get("/search", (req, res) => {
  const q = req.query.q;
  // ruleid: js.xss-response
  res.send(`<p>No results for ${q}</p>`);
});

app.get("/search-escaped", (req, res) => {
  const q = escapeHtml(req.query.q);
  // ok: js.xss-response
  res.send(`<p>No results for ${q}</p>`);
});

app.get("/hello", (req, res) => {
  const first = req.query.name;
  const second = first.trim();
  const third = `<b>${second}</b>`;
  // ruleid: js.xss-response
  res.write("<div>" + third + "</div>");
  res.end();
});

app.get("/hello-count", (req, res) => {
  const count = Number(req.query.count);
  // ok: js.xss-response
  res.write("<div>" + count + " visitors</div>");
  res.end();
});

app.get("/title", (req, res) => {
  // ruleid: js.xss-response
  res.end("<title>" + req.get("x-page-title") + req.query.title + "</title>");
});

app.get("/title-fixed", (req, res) => {
  const title = "Orders";
  // ok: js.xss-response
  res.end("<title>" + title + "</title>");
});

app.get("/greet-helper", (req, res) => {
  const html = cardSource(req.query.greeting);
  // ruleid: js.xss-response
  res.send(`<main>${html}</main>`);
});

app.get("/greet-helper-escaped", (req, res) => {
  const html = cardSource(escapeHtml(req.query.greeting));
  // ok: js.xss-response
  res.send(`<main>${html}</main>`);
});

// Patterns.
app.get("/filter", (req, res) => {
  const term = req.query.term;
  // ruleid: js.regexp-from-request
  const pattern = new RegExp(term, "i");
  res.json({ match: pattern.test("catalogue") });
});

app.get("/filter-escaped", (req, res) => {
  const term = escapeStringRegexp(req.query.term);
  // ok: js.regexp-from-request
  const pattern = new RegExp(term, "i");
  res.json({ match: pattern.test("catalogue") });
});

app.get("/filter-chain", (req, res) => {
  const first = req.query.prefix;
  const second = first.toLowerCase();
  const third = "^" + second;
  // ruleid: js.regexp-from-request
  res.json({ match: RegExp(third).test("catalogue") });
});

app.get("/filter-helper", (req, res) => {
  const third = "^" + escapeForPattern(req.query.prefix);
  // ok: js.regexp-from-request
  res.json({ match: RegExp(third).test("catalogue") });
});

// Database filters.
app.post("/login", async (req, res) => {
  const { email } = req.body;
  // ruleid: js.nosql-operator-injection
  const user = await req.app.locals.Users.findOne({ email: email, active: true });
  res.json({ found: Boolean(user) });
});

app.post("/login-string", async (req, res) => {
  const email = String(req.body.email);
  // ok: js.nosql-operator-injection
  const user = await req.app.locals.Users.findOne({ email: email, active: true });
  res.json({ found: Boolean(user) });
});

app.post("/login-helper", async (req, res) => {
  const user = await findByEmail(req.app.locals.Users, req.body.email);
  res.json({ found: Boolean(user) });
});

app.post("/login-helper-string", async (req, res) => {
  const email = `${req.body.email}`;
  // ok: js.nosql-operator-injection
  const user = await req.app.locals.Users.findOne({ email: String(email) });
  res.json({ found: Boolean(user) });
});

app.get("/orders", async (req, res) => {
  const first = req.query;
  const second = { ...first, deleted: false };
  const third = second;
  // ruleid: js.nosql-operator-injection
  res.json(await req.app.locals.Orders.find(third).toArray());
});

app.get("/orders-open", async (req, res) => {
  const filter = { status: "open", deleted: false };
  // ok: js.nosql-operator-injection
  res.json(await req.app.locals.Orders.find(filter).toArray());
});

app.get("/orders-by-id/:id", async (req, res) => {
  const id = req.params.id;
  // ok: js.nosql-operator-injection
  res.json(await req.app.locals.Orders.findOne({ _id: id }));
});

app.get("/orders-count", async (req, res) => {
  // ruleid: js.nosql-operator-injection
  res.json(await req.app.locals.Orders.countDocuments({ owner: req.body.owner }));
});

// Redirects.
app.get("/continue", (req, res) => {
  const next = req.query.next;
  // ruleid: js.open-redirect
  res.redirect(next);
});

app.get("/continue-checked", (req, res) => {
  const next = req.query.next;
  // ok: js.open-redirect
  res.redirect(SAFE_PATHS.has(next) ? next : "/");
});

app.get("/continue-chain", (req, res) => {
  const first = req.body.returnTo;
  const second = first.trim();
  const third = second;
  // ruleid: js.open-redirect
  res.redirect(302, third);
});

app.get("/continue-local", (req, res) => {
  const third = "/orders/" + encodeURIComponent(req.body.orderId);
  // ok: js.open-redirect
  res.redirect(302, third);
});

app.get("/continue-cookie", (req, res) => {
  const back = req.cookies.returnTo;
  // ruleid: js.open-redirect
  res.redirect(back);
});

app.get("/continue-cookie-checked", (req, res) => {
  const back = req.cookies.returnTo;
  if (!SAFE_PATHS.has(back)) {
    return res.redirect("/");
  }
  // ok: js.open-redirect
  res.redirect(back);
});

// Raw SQL in query builders.
app.get("/products", async (req, res) => {
  const sort = req.query.sort;
  // ruleid: js.sql-injection-query
  res.json(await knex("products").select("*").orderByRaw(sort));
});

app.get("/products-sorted", async (req, res) => {
  const sort = req.query.sort === "price" ? "price asc" : "name asc";
  // ok: js.sql-injection-query
  res.json(await knex("products").select("*").orderByRaw(sort));
});

app.get("/products-literal", async (req, res) => {
  const first = req.query.column;
  const second = first;
  const third = second;
  // ruleid: js.sql-injection-query
  res.json(await sequelize.models.Product.findAll({ order: sequelize.literal(third) }));
});

app.get("/products-literal-fixed", async (req, res) => {
  const third = "created_at DESC";
  // ok: js.sql-injection-query
  res.json(await sequelize.models.Product.findAll({ order: sequelize.literal(third), limit: req.query.limit }));
});

app.get("/products-sorted", async (req, res) => {
  const order = `${req.query.sort} ASC`;
  // ruleid: js.sql-injection-query
  res.json(await sequelize.models.Product.findAll({ order: [[literal(order), "ASC"]] }));
});

app.get("/products-sorted-fixed", async (req, res) => {
  const order = req.query.sort === "name" ? "name ASC" : "created_at DESC";
  // ok: js.sql-injection-query
  res.json(await sequelize.models.Product.findAll({ order: [[literal(order), "ASC"]] }));
});

// A Mongo filter's `$regex` is compiled by the server.
app.get("/customers", async (req, res) => {
  const prefix = String(req.query.prefix || "");
  // ruleid: js.regexp-from-request
  const byName = await Customer.find({ name: { $regex: "^" + prefix, $options: "i" } });
  const escaped = escapeStringRegexp(prefix);
  // ok: js.regexp-from-request
  const safe = await Customer.find({ name: { $regex: "^" + escaped, $options: "i" } });
  res.json([byName.length, safe.length]);
});

// Escaping every metacharacter behind a backslash, inline or in a helper, makes the search text
// match itself.
function escapeForPattern(text) {
  return String(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

app.get("/search/escaped", (req, res) => {
  const term = req.query.term;
  // ok: js.regexp-from-request
  const re = new RegExp(escapeForPattern(term), "i");
  res.json(products.filter((p) => re.test(p.name)));
});

app.get("/search/escaped-inline", (req, res) => {
  const term = String(req.query.term);
  // ok: js.regexp-from-request
  const re = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
  res.json(products.filter((p) => re.test(p.name)));
});

app.get("/search/raw", (req, res) => {
  const term = String(req.query.term);
  // ruleid: js.regexp-from-request
  const re = new RegExp(term.replace(/\s+/g, " "), "i");
  res.json(products.filter((p) => re.test(p.name)));
});
