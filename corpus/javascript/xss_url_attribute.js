// A value that starts the URL of a link or form: HTML escaping leaves `javascript:` as it is.
const express = require("express");
const escapeHtml = require("escape-html");

const app = express();

app.get("/card", (req, res) => {
  const website = escapeHtml(String(req.query.website || ""));
  // ruleid: js.xss-url-attribute
  res.type("html").send(`<a href="${website}" rel="nofollow">Website</a>`);
});

app.get("/card/checked", (req, res) => {
  let website = String(req.query.website || "");
  if (!/^https?:\/\//.test(website)) website = "#";
  // ok: js.xss-url-attribute
  res.type("html").send(`<a href="${escapeHtml(website)}">Website</a>`);
});

app.get("/avatar", (req, res) => {
  // ruleid: js.xss-url-attribute
  res.type("html").send('<img src="' + escapeHtml(req.query.img) + '" alt="avatar">');
});

app.get("/back", (req, res) => {
  const next = encodeURIComponent(String(req.query.next || "/"));
  // ok: js.xss-url-attribute
  res.type("html").send(`<a href="/go?to=${next}">Back</a> <a href="${encodeURIComponent(req.query.p)}">Page</a>`);
});

app.get("/title", (req, res) => {
  // ok: js.xss-url-attribute
  res.type("html").send(`<a href="/home" title="${escapeHtml(req.query.t)}">Home</a>`);
});

module.exports = app;
