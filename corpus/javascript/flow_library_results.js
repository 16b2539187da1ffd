// What reaches the result of a library call: the rules say which arguments do, from the
// documented API (rules/javascript/taint-results.toml).
const express = require("express");
const crypto = require("crypto");

const app = express();
const GREETING = "<p>Hello, friend</p>";

app.get("/badge", (req, res) => {
  // Hex digits, whatever was hashed.
  const id = crypto.createHash("sha256").update(req.query.name).digest("hex");
  // ok: js.xss-response
  res.send(`<span data-id="${id}">badge</span>`);
});

app.get("/badge-named", (req, res) => {
  const id = crypto.createHash("sha256").update(req.query.name).digest("hex");
  // ruleid: js.xss-response
  res.send(`<span data-id="${id}">${req.query.name}</span>`);
});

function showCensored() {
  const word = new URLSearchParams(location.search).get("hide");
  // The word is what `replace` takes out: the page's own text stays.
  // ok: js.dom-html-injection
  document.getElementById("greeting").innerHTML = GREETING.replace(word, "***");
}

function showGreeting() {
  const name = new URLSearchParams(location.search).get("name");
  // ruleid: js.dom-html-injection
  document.getElementById("greeting").innerHTML = GREETING.replace("friend", name);
}

function showAll() {
  const word = new URLSearchParams(location.search).get("hide");
  // ok: js.dom-html-injection
  document.getElementById("greeting").innerHTML = GREETING.replaceAll(word, "***");
}

function showAllNamed() {
  const name = new URLSearchParams(location.search).get("name");
  // ruleid: js.dom-html-injection
  document.getElementById("greeting").innerHTML = GREETING.replaceAll("friend", name);
}

// Trusted Types: the policy object is the program's own; only the input reaches the result.
const policy = window.trustedTypes && window.trustedTypes.createPolicy("app", { createHTML: (s) => s });
const trusted = (html) => policy?.createHTML(html) ?? html;

function probeRichOptions(select) {
  // ok: js.dom-html-injection
  select.innerHTML = policy.createHTML("<option><span>t</span></option>");
  // ok: js.dom-html-injection
  select.innerHTML = trusted("<option><span>t</span></option>");
}

function showTrusted(select) {
  const name = new URLSearchParams(location.search).get("name");
  // ruleid: js.dom-html-injection
  select.innerHTML = policy.createHTML(`<option>${name}</option>`);
  // ruleid: js.dom-html-injection
  select.innerHTML = trusted(`<option>${name}</option>`);
}

// A JSDoc type cast before a returned expression is a comment, not the value returned.
function castTrusted(html) {
  return /** @type {string} */ (policy?.createHTML(html) ?? html);
}

function probeCast(select) {
  // ok: js.dom-html-injection
  select.innerHTML = castTrusted("<option><span>t</span></option>");
}

function showCast(select) {
  const name = new URLSearchParams(location.search).get("name");
  // ruleid: js.dom-html-injection
  select.innerHTML = castTrusted(`<option>${name}</option>`);
}
