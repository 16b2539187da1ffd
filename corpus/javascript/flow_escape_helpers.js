// Escapers written by hand: a `.replace` that turns `&` and `<` into entities, as a character
// class with a lookup, or as a chain. A `.replace` that only drops line breaks escapes nothing.
const express = require("express");

const app = express();
const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ENTITIES[c]);
const oneLine = (s) => String(s).replace(/[\r\n]/g, " ");

function escapeChain(s) {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

app.get("/hello", (req, res) => {
  // ok: js.xss-response
  res.send(`<h1>Hello, ${esc(req.query.name)}</h1>`);
});

app.get("/hello-line", (req, res) => {
  // ruleid: js.xss-response
  res.send(`<h1>Hello, ${oneLine(req.query.name)}</h1>`);
});

app.get("/chain", (req, res) => {
  // ok: js.xss-response
  res.send("<p>" + escapeChain(req.query.q) + "</p>");
});

app.get("/raw", (req, res) => {
  // ruleid: js.xss-response
  res.send("<p>" + String(req.query.q).trim() + "</p>");
});

function showAuthor(el) {
  const name = new URLSearchParams(location.search).get("author");
  // ok: js.dom-html-injection
  el.innerHTML = `<b>${esc(name)}</b>`;
}

function showAuthorRaw(el) {
  const name = new URLSearchParams(location.search).get("author");
  // ruleid: js.dom-html-injection
  el.innerHTML = `<b>${oneLine(name)}</b>`;
}

module.exports = { app, showAuthor, showAuthorRaw };
