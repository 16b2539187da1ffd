// A client module chosen by the URL's scheme: `(tls ? https : http).get(...)` calls one of two
// modules whose `get` both request the URL.
const http = require("http");
const https = require("https");
const express = require("express");
const app = express();

app.get("/thumbnail", (req, res) => {
  const source = req.query.source;
  const tls = source.startsWith("https:");
  // ruleid: js.ssrf
  (tls ? https : http).get(source, (upstream) => upstream.pipe(res));
});

app.get("/heartbeat", (req, res) => {
  const tls = req.query.tls !== "0";
  // ok: js.ssrf
  (tls ? https : http).get("https://heartbeat.example.org/ping", (upstream) => upstream.pipe(res));
});

const transport = process.env.RELAY_TLS === "0" ? http : https;

app.post("/relay", (req, res) => {
  // ruleid: js.ssrf
  transport.request(req.body.endpoint, { method: "POST" }).end(JSON.stringify(req.body.payload));
  res.sendStatus(202);
});

app.post("/relay-fixed", (req, res) => {
  // ok: js.ssrf
  transport.request("https://relay.example.org/in", { method: "POST" }).end(JSON.stringify(req.body.payload));
  res.sendStatus(202);
});
