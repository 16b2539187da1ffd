// HTTP clients made with defaults and then called directly: without a base URL they fetch
// whatever they are given; with one (`prefixUrl`, `baseURL`) the caller picks only a path.
const express = require("express");
const got = require("got");
const axios = require("axios");

const app = express();
const plain = got.extend({ timeout: { request: 4000 }, retry: { limit: 1 } });
const github = got.extend({ prefixUrl: "https://api.github.com", timeout: { request: 4000 } });
const api = axios.create({ timeout: 1000 });
const billing = axios.create({ baseURL: "https://billing.internal.example.com", timeout: 1000 });

app.get("/unfurl", async (req, res) => {
  // ruleid: js.ssrf
  const page = await plain(req.query.url).text();
  res.send({ length: page.length });
});

app.get("/repos/:owner", async (req, res) => {
  // ok: js.ssrf
  const repos = await github(`users/${req.params.owner}/repos`).json();
  res.send(repos);
});

app.post("/ping", async (req, res) => {
  // ruleid: js.ssrf
  const r = await api(req.body.target);
  res.send({ status: r.status });
});

app.get("/invoices/:id", async (req, res) => {
  // ok: js.ssrf
  const r = await billing(`/invoices/${encodeURIComponent(req.params.id)}`);
  res.send(r.data);
});

app.listen(3000);
