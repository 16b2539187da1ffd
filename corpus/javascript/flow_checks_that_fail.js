// Checks that look like protections and are not: how a shell command starts, a prefix of a
// path nothing resolved.
const express = require("express");
const { exec, execFile } = require("node:child_process");
const fs = require("node:fs");

const router = express.Router();
const PUBLIC_DIR = "./public";

router.post("/lint", (req, res) => {
  const file = String(req.body.file);
  if (!file.startsWith("src/")) return res.sendStatus(400);
  // ruleid: js.exec-command-interpolation
  exec(`npx eslint ${file}`, (err, out) => res.send(out));
});

router.post("/lint-args", (req, res) => {
  const file = String(req.body.file);
  if (!file.startsWith("src/")) return res.sendStatus(400);
  // ok: js.exec-command-interpolation
  execFile("npx", ["eslint", "--", file], (err, out) => res.send(out));
});

// Joined as text and then checked for the folder's start: `/../` keeps that start.
function publicPath(pathname) {
  const full = PUBLIC_DIR + decodeURIComponent(pathname);
  if (!full.startsWith(PUBLIC_DIR + "/")) return null;
  return full;
}

router.get("/static/*", (req, res) => {
  const full = publicPath(req.path);
  if (!full) return res.sendStatus(403);
  // ruleid: js.path-traversal-request
  fs.createReadStream(full).pipe(res);
});

function publicName(pathname) {
  const name = decodeURIComponent(pathname);
  if (!/^[a-z0-9-]+\.(css|js)$/.test(name)) return null;
  return PUBLIC_DIR + "/" + name;
}

router.get("/asset/:name", (req, res) => {
  const full = publicName(req.params.name);
  if (!full) return res.sendStatus(403);
  // ok: js.path-traversal-request
  fs.createReadStream(full).pipe(res);
});

module.exports = router;

// Decoding after escaping makes another text: `&lt;` is `<` again.
const he = require("he");

function escapeHtml(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function readableReferer(referer) {
  return he.decode(escapeHtml(referer));
}

function escapedReferer(referer) {
  return escapeHtml(he.decode(referer));
}

router.get("/missing", (req, res) => {
  const from = readableReferer(req.get("referer") || "");
  // ruleid: js.xss-response
  res.type("html").send(`<p>Not found. You came from ${from}.</p>`);
});

router.get("/missing-escaped", (req, res) => {
  const from = escapedReferer(req.get("referer") || "");
  // ok: js.xss-response
  res.type("html").send(`<p>Not found. You came from ${from}.</p>`);
});

// An escape for HTML in an unquoted attribute: a space starts an attribute of the caller's.
function escapeAttribute(s) {
  return escapeHtml(s).replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

router.get("/badge", (req, res) => {
  const color = escapeAttribute(req.query.color);
  // ruleid: js.xss-response
  res.type("html").send(`<span class=badge style=color:${color}>new</span>`);
});

router.get("/badge-quoted", (req, res) => {
  const color = escapeAttribute(req.query.color);
  // ok: js.xss-response
  res.type("html").send(`<span class="badge" style="color:${color}">new</span>`);
});
