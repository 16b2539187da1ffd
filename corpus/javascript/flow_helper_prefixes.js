// What a helper of this file returns starts as its body writes it: markup, or a fixed host.
const express = require("express");
const axios = require("axios");
const escapeHtml = require("escape-html");

const router = express.Router();

function layout({ title, content }) {
  return "<html><head><title>" + title + "</title></head><body>" + content + "</body></html>";
}

function statusUrl(component) {
  return "https://status.example.com/components/" + component;
}

function passThrough(url) {
  return url.trim();
}

router.post("/pages/preview", (req, res) => {
  // ruleid: js.xss-response
  res.send(layout({ title: req.body.title, content: req.body.content }));
});

router.post("/pages/preview-escaped", (req, res) => {
  // ok: js.xss-response
  res.send(layout({ title: escapeHtml(req.body.title), content: escapeHtml(req.body.content) }));
});

router.get("/status/:component", async (req, res) => {
  // ok: js.ssrf
  const r = await axios.get(statusUrl(req.params.component));
  res.json(r.data);
});

router.get("/status-any", async (req, res) => {
  // ruleid: js.ssrf
  const r = await axios.get(passThrough(req.query.url));
  res.json(r.data);
});

module.exports = router;
