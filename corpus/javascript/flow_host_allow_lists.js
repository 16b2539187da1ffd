// Host allow-lists written with `Array.some` over a constant list (equality or a dot-separated
// suffix), inline or in a helper of the file; a bare suffix (`endsWith(d)`) lets
// `evilwikipedia.org` through.
const express = require("express");

const app = express();
const ALLOWED_DOMAINS = ["wikipedia.org", "arxiv.org"];

function hostAllowed(hostname) {
  return ALLOWED_DOMAINS.some((d) => hostname === d || hostname.endsWith("." + d));
}

function hostLooksFine(hostname) {
  return hostname.length < 200;
}

app.get("/inline", async (req, res) => {
  const url = new URL(req.query.u);
  if (!ALLOWED_DOMAINS.some((d) => url.hostname === d || url.hostname.endsWith(`.${d}`))) {
    return res.sendStatus(403);
  }
  // ok: js.ssrf
  res.send(await (await fetch(url)).text());
});

app.get("/helper", async (req, res) => {
  const url = new URL(req.query.u);
  if (!hostAllowed(url.hostname)) {
    return res.sendStatus(403);
  }
  // ok: js.ssrf
  res.send(await (await fetch(url)).text());
});

app.get("/bare-suffix", async (req, res) => {
  const url = new URL(req.query.u);
  if (!ALLOWED_DOMAINS.some((d) => url.hostname.endsWith(d))) {
    return res.sendStatus(403);
  }
  // ruleid: js.ssrf
  res.send(await (await fetch(url)).text());
});

app.get("/length", async (req, res) => {
  const url = new URL(req.query.u);
  if (!hostLooksFine(url.hostname)) {
    return res.sendStatus(400);
  }
  // ruleid: js.ssrf
  res.send(await (await fetch(url)).text());
});

app.get("/request-list", async (req, res) => {
  const url = new URL(req.query.u);
  const allowed = req.query.allowed.split(",");
  if (!allowed.some((d) => url.hostname === d)) {
    return res.sendStatus(403);
  }
  // ruleid: js.ssrf
  res.send(await (await fetch(url)).text());
});
