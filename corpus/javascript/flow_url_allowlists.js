// A link-preview service that checks the host of the URL it is asked to fetch.
const express = require("express");
const axios = require("axios");

const app = express();
const ALLOWED_HOSTS = new Set(["news.example.com", "blog.example.org"]);
const PARTNERS = ["partner.example.net"];

app.get("/preview", async (req, res) => {
  const target = String(req.query.url);
  if (!ALLOWED_HOSTS.has(new URL(target).hostname)) {
    return res.sendStatus(400);
  }
  // ok: js.ssrf
  const page = await fetch(target);
  res.send(await page.text());
});

app.get("/preview-parsed", async (req, res) => {
  const url = new URL(String(req.query.url));
  if (url.protocol !== "https:" || !PARTNERS.includes(url.host)) {
    return res.sendStatus(403);
  }
  // ok: js.ssrf
  const { data } = await axios.get(url.toString());
  res.json(data);
});

app.get("/preview-prefix", async (req, res) => {
  const url = new URL(String(req.query.url));
  if (!url.hostname.startsWith("news.")) {
    return res.sendStatus(403);
  }
  // ruleid: js.ssrf
  const page = await fetch(url);
  res.send(await page.text());
});

app.get("/preview-unchecked", async (req, res) => {
  const url = new URL(String(req.query.url));
  if (ALLOWED_HOSTS.has(url.hostname)) {
    console.log("known host");
  }
  // ruleid: js.ssrf
  const page = await fetch(url);
  res.send(await page.text());
});
