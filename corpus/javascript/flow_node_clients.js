// Node's own http / https clients: a URL or options chosen by the caller, and options whose host
// is fixed, where the caller picks only the path.
const express = require("express");
const http = require("http");
const { request: httpsRequest } = require("https");

const app = express();

app.get("/mirror", (req, res) => {
  const { host, path } = req.query;
  // ruleid: js.ssrf
  http.get({ host, path }, (upstream) => upstream.pipe(res));
});

app.get("/mirror-cdn", (req, res) => {
  const path = "/" + encodeURIComponent(req.query.path);
  // ok: js.ssrf
  http.get({ host: "cdn.internal", path }, (upstream) => upstream.pipe(res));
});

app.get("/relay", (req, res) => {
  // ruleid: js.ssrf
  const outgoing = httpsRequest(req.query.url, (upstream) => upstream.pipe(res));
  outgoing.end();
});

app.get("/relay-api", (req, res) => {
  // ok: js.ssrf
  const outgoing = httpsRequest({ hostname: "api.example.com", path: `/v1/${encodeURIComponent(req.query.id)}` }, (upstream) => upstream.pipe(res));
  outgoing.end();
});

app.post("/hooks/verify", (req, res) => {
  const https = require("https");
  const { host, hookPath } = req.body;
  // ruleid: js.ssrf
  https.request({ hostname: host, path: hookPath, method: "POST" }, (up) => res.sendStatus(up.statusCode)).end();
  // ok: js.ssrf
  https.request({ hostname: "hooks.example.com", path: "/verify/" + encodeURIComponent(hookPath), method: "POST" }, (up) => res.sendStatus(up.statusCode)).end();
});
