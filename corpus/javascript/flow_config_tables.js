// Tables the program loads from its own configuration (the environment, parsed and reshaped):
// the caller picks an entry, not its text. The same shapes built from the request body are not.
const express = require("express");
const axios = require("axios");

const app = express();
const CALLBACKS = new Map(Object.entries(JSON.parse(process.env.CALLBACKS ?? "{}")));
const MIRRORS = Object.fromEntries(JSON.parse(process.env.MIRRORS ?? "[]"));

app.post("/jobs/:id/done", async (req, res) => {
  const callback = CALLBACKS.get(req.body.integration);
  if (!callback) return res.status(404).end();
  // ok: js.ssrf
  await axios.post(callback, { job: req.params.id });
  res.end();
});

app.get("/mirror", async (req, res) => {
  const base = MIRRORS[req.query.region] || MIRRORS.default;
  // ok: js.ssrf
  const r = await axios.get(base);
  res.send(r.data);
});

app.post("/jobs/:id/notify", async (req, res) => {
  const settings = JSON.parse(req.body.settings);
  // ruleid: js.ssrf
  await axios.post(settings.callback, { job: req.params.id });
  res.end();
});

app.post("/jobs/:id/route", async (req, res) => {
  const routes = new Map(Object.entries(JSON.parse(req.body.routes)));
  // ruleid: js.ssrf
  await axios.post(routes.get("done"), { job: req.params.id });
  res.end();
});

app.listen(3000);
