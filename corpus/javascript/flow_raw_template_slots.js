// Logic-less and Pug templates escape what they insert, except in their raw slots: `{{{x}}}` and
// `{{& x}}` (Handlebars, Mustache), `p!= x` and `!{x}` (Pug). Request data handed to a template
// with such a slot is written into the page as markup.
const express = require("express");
const Handlebars = require("handlebars");
const Mustache = require("mustache");
const pug = require("pug");

const app = express();

const BADGE = "<span class=\"badge\">{{{label}}}</span>";
const PLAIN_BADGE = "<span class=\"badge\">{{label}}</span>";
const badge = Handlebars.compile(BADGE);
const plainBadge = Handlebars.compile(PLAIN_BADGE);

app.get("/badge", (req, res) => {
  // ruleid: js.xss-response
  const html = badge({ label: req.query.label });
  res.send(html);
});

app.get("/badge/plain", (req, res) => {
  // ok: js.xss-response
  const html = plainBadge({ label: req.query.label });
  res.send(html);
});

const NOTE = "<aside>{{& note}}</aside>";
const QUIET_NOTE = "<aside>{{note}}</aside>";

app.get("/note", (req, res) => {
  const view = { note: req.query.note };
  // ruleid: js.xss-response
  res.send(Mustache.render(NOTE, view));
});

app.get("/note/quiet", (req, res) => {
  const view = { note: req.query.note };
  // ok: js.xss-response
  res.send(Mustache.render(QUIET_NOTE, view));
});

const signature = pug.compile("div.signature\n  p!= sig");
const escapedSignature = pug.compile("div.signature\n  p= sig");

app.post("/signature", (req, res) => {
  // ruleid: js.xss-response
  res.send(signature({ sig: req.body.sig }));
});

app.post("/signature/escaped", (req, res) => {
  // ok: js.xss-response
  res.send(escapedSignature({ sig: req.body.sig }));
});

app.get("/motd", (req, res) => {
  // ruleid: js.xss-response
  res.send(pug.render("p Message: !{motd}", { motd: req.query.motd }));
});

app.get("/motd/escaped", (req, res) => {
  // ok: js.xss-response
  res.send(pug.render("p Message: #{motd}", { motd: req.query.motd }));
});

app.listen(3000);
