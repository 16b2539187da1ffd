// A check for `..` keeps a path in its folder and vouches for nothing else: a URL without
// `..` can still lead to another site.
const express = require("express");
const axios = require("axios");
const path = require("path");

const app = express();
const ROOT = "/srv/files";

app.get("/continue", (req, res) => {
  const target = String(req.query.next || "/");
  if (target.includes("..")) {
    return res.status(400).end();
  }
  // ruleid: js.open-redirect
  res.redirect(target);
});

app.get("/preview", async (req, res) => {
  const link = String(req.query.url);
  if (link.includes("..")) {
    return res.status(400).end();
  }
  // ruleid: js.ssrf
  const page = await axios.get(link);
  res.send(page.status);
});

app.get("/files", (req, res) => {
  const name = String(req.query.name);
  if (name.includes("..")) {
    return res.status(400).end();
  }
  // ok: js.path-traversal-request
  res.sendFile(ROOT + "/" + name);
});

app.listen(3000);
