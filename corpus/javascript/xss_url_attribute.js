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

// The scheme of the parsed URL checked: a `javascript:` URL never gets through.
const LINK_SCHEMES = new Set(["http:", "https:"]);

function webLink(raw) {
  try {
    const url = new URL(String(raw));
    return LINK_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

app.get("/card/parsed", (req, res) => {
  const website = webLink(req.query.website);
  // ok: js.xss-url-attribute
  res.type("html").send(website ? `<a href="${escapeHtml(website)}">Website</a>` : "");
});

app.get("/card/host-only", (req, res) => {
  const url = new URL(String(req.query.website));
  const shown = url.hostname.endsWith(".example.org") ? url.href : "#";
  // ruleid: js.xss-url-attribute
  res.type("html").send(`<a href="${escapeHtml(shown)}">Website</a>`);
});

app.get("/back-to", (req, res) => {
  const url = new URL(String(req.query.to), "https://shop.example.org");
  if (url.protocol !== "https:") return res.sendStatus(400);
  // ruleid: js.open-redirect
  res.redirect(url.href);
});

module.exports = app;
