'use strict';
// Webhook delivery with the client module chosen by the URL's scheme inside the function.
const http = require('http');
const https = require('https');
const express = require('express');

const app = express();
app.use(express.json());

function deliver(url, payload) {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  const body = JSON.stringify(payload);
  // ruleid: js.ssrf
  const req = lib.request({
    hostname: target.hostname,
    port: target.port,
    path: target.pathname + target.search,
    method: 'POST',
  });
  req.end(body);
}

function ping() {
  const lib = https;
  // ok: js.ssrf
  lib.get('https://status.example.com/ping');
}

function local() {
  // A local object named like a module is not the module.
  const https = { get: (u) => u };
  // ok: js.ssrf
  return https.get(process.argv[2]);
}

app.post('/hooks/test', (req, res) => {
  deliver(req.body.url, { ping: true });
  ping();
  res.json({ sent: true, local: local() });
});

module.exports = app;
