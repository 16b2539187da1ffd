// Templates escape what they insert unless a slot says otherwise: a compiled ejs template's
// `<%=` escapes, its `<%-` does not; nunjucks escapes except where the template adds `| safe`.
const express = require("express");
const ejs = require("ejs");
const nunjucks = require("nunjucks");

const app = express();
const env = new nunjucks.Environment(null, { autoescape: true });

const CARD = ejs.compile("<h1><%= name %></h1><p><%= bio %></p>");
const RAW_CARD = ejs.compile("<h1><%= name %></h1><div class='bio'><%- bio %></div>");
const ENTRY = "<li>{{ name }}: {{ text }}</li>";
const RICH_ENTRY = "<li>{{ name }}: {{ text | safe }}</li>";

app.get("/card", (req, res) => {
  // ok: js.xss-response
  res.type("html").send(CARD({ name: req.query.name, bio: req.query.bio }));
});

app.get("/card/raw", (req, res) => {
  // ruleid: js.xss-response
  res.type("html").send(RAW_CARD({ name: req.query.name, bio: req.query.bio }));
});

app.post("/guestbook", (req, res) => {
  // ok: js.xss-response
  res.type("html").send(env.renderString(ENTRY, { name: req.body.name, text: req.body.text }));
});

app.post("/guestbook/rich", (req, res) => {
  // ruleid: js.xss-response
  res.type("html").send(env.renderString(RICH_ENTRY, { name: req.body.name, text: req.body.text }));
});

app.post("/guestbook/inline", (req, res) => {
  // ruleid: js.xss-response
  res.type("html").send(nunjucks.renderString("<p>{{ text | safe }}</p>", { text: req.body.text }));
});

app.post("/guestbook/inline/escaped", (req, res) => {
  // ok: js.xss-response
  res.type("html").send(nunjucks.renderString("<p>{{ text }}</p>", { text: req.body.text }));
});

module.exports = app;
