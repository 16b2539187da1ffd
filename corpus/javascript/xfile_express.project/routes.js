const express = require("express");
const shell = require("./lib/shell");
const { readReport } = require("./lib/shell.js");
const WebhookSender = require("./lib/hooks");

const router = express.Router();

router.post("/compress", (req, res) => {
  // ruleid: js.exec-command-interpolation
  shell.compress(req.body.file);
  // ok: js.exec-command-interpolation
  shell.compress("access.log");
  res.end();
});

router.get("/reports/:name", (req, res) => {
  // ruleid: js.path-traversal-request
  readReport(req.params.name, (err, text) => res.send(text));
  // ok: js.path-traversal-request
  readReport("summary.txt", (err, text) => res.send(text));
});

router.get("/later/:name", async (req, res) => {
  // ruleid: js.path-traversal-request
  const asked = await shell.readReportLater(req.params.name);
  // ok: js.path-traversal-request
  const summary = await shell.readReportLater("summary.txt");
  res.json({ asked, summary });
});

const hooks = new WebhookSender();

router.post("/webhooks/test", async (req, res) => {
  // ruleid: js.ssrf
  await hooks.send(req.body.url, { type: "ping" });
  // ok: js.ssrf
  await hooks.send("https://hooks.example.com/ping", { type: "ping" });
  res.end();
});

module.exports = router;
