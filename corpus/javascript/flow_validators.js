// Validators: functions of the module that return a check of their parameter, called as guards.
const express = require("express");
const fs = require("fs");
const path = require("path");
const axios = require("axios");

const app = express();
const REPORT = /^[a-z0-9_-]{1,64}$/i;
const PARTNERS = new Set(["api.partner.example", "hooks.partner.example"]);

const isReportName = (name) => REPORT.test(name);

function isPartnerUrl(raw) {
  return PARTNERS.has(new URL(raw).hostname);
}

// A length says nothing of what the value holds.
function isShort(value) {
  return value.length < 80;
}

app.get("/reports", (req, res) => {
  const name = req.query.name;
  if (!isReportName(name)) return res.status(400).end();
  // ok: js.path-traversal-request
  res.send(fs.readFileSync(path.join("/srv/reports", name)));
});

app.get("/reports/short", (req, res) => {
  const name = req.query.name;
  if (!isShort(name)) return res.status(400).end();
  // ruleid: js.path-traversal-request
  res.send(fs.readFileSync(path.join("/srv/reports", name)));
});

app.get("/reports/inverted", (req, res) => {
  const name = req.query.name;
  if (isReportName(name)) return res.status(400).end();
  // ruleid: js.path-traversal-request
  res.send(fs.readFileSync(path.join("/srv/reports", name)));
});

app.post("/hooks", async (req, res) => {
  const target = req.body.url;
  if (!isPartnerUrl(target)) {
    return res.status(403).end();
  }
  // ok: js.ssrf
  const reply = await axios.post(target, { ping: true });
  res.json(reply.data);
});

app.post("/hooks/any", async (req, res) => {
  const target = req.body.url;
  if (!isShort(target)) {
    return res.status(403).end();
  }
  // ruleid: js.ssrf
  const reply = await axios.post(target, { ping: true });
  res.json(reply.data);
});
