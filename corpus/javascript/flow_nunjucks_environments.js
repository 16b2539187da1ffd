// A nunjucks environment escapes what its templates insert unless it was configured with
// `autoescape: false`: the page it renders from request data is markup only in the second case.
const express = require("express");
const nunjucks = require("nunjucks");
const path = require("path");

const env = nunjucks.configure(path.join(__dirname, "views"), { autoescape: true });
// ruleid: js.template-autoescape-off
const raw = new nunjucks.Environment(new nunjucks.FileSystemLoader("views"), { autoescape: false });
const app = express();

app.get("/cards", (req, res) => {
  const html = env.render("card.njk", { recipient: req.query.to });
  // ok: js.xss-response
  res.type("html").send(html);
});

app.get("/cards/inline", (req, res) => {
  const html = env.renderString("<p>Sent by {{ sender }}</p>", { sender: req.query.from });
  // ok: js.xss-response
  res.send(html);
});

app.get("/cards/raw", (req, res) => {
  // ruleid: js.xss-response
  const html = raw.render("card.njk", { recipient: req.query.to });
  res.send(html);
});

app.get("/cards/concatenated", (req, res) => {
  const html = env.render("card.njk", { recipient: "friend" });
  // ruleid: js.xss-response
  res.send(html + "<footer>" + req.query.note + "</footer>");
});

function cardSource(recipient) {
  return `<div class="card"><h2>Dear ${recipient}</h2><p>{{ message }}</p></div>`;
}

app.get("/cards/custom", (req, res) => {
  const source = cardSource(req.query.to);
  // ruleid: js.template-injection
  const html = env.renderString(source, { message: req.query.message });
  res.send(html);
});

app.get("/cards/fixed", (req, res) => {
  const source = cardSource("friend");
  // ok: js.template-injection
  const html = env.renderString(source, { message: req.query.message });
  res.send(html);
});
