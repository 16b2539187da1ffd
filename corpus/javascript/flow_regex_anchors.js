// A pattern vouches for a value only when it matches all of it: anchored at both ends, written in
// place or bound to a name first. Anchored at the start only, it checks how the value starts
// (`example.com; rm -rf ~` starts with a host name), which fixes where a URL leads only when the
// start names the host and the `/` after it.
const express = require("express");
const { exec } = require("child_process");
const axios = require("axios");

const app = express();
const HOST_START = /^[a-z0-9.-]+/i;
const HOST = /^[a-z0-9.-]+$/i;
const CDN = /^https:\/\/cdn\.example\.com\//;
const LOCAL_PATH = /^\/(?![/\\])[A-Za-z0-9/_-]*$/;

app.get("/ping", (req, res) => {
  const host = String(req.query.host);
  if (!HOST_START.test(host)) return res.sendStatus(400);
  // ruleid: js.exec-command-interpolation
  exec(`ping -c 1 ${host}`, (err, out) => res.send(out));
});

app.get("/ping/whole", (req, res) => {
  const host = String(req.query.host);
  if (!HOST.test(host)) return res.sendStatus(400);
  // ok: js.exec-command-interpolation
  exec(`ping -c 1 ${host}`, (err, out) => res.send(out));
});

app.get("/lookup", (req, res) => {
  const host = String(req.query.host);
  if (!/^[a-z0-9.-]+/.test(host)) return res.sendStatus(400);
  // ruleid: js.exec-command-interpolation
  exec(`host ${host}`, (err, out) => res.send(out));
});

app.get("/lookup/whole", (req, res) => {
  const host = String(req.query.host);
  if (!/^[a-z0-9.-]+$/.test(host)) return res.sendStatus(400);
  // ok: js.exec-command-interpolation
  exec(`host ${host}`, (err, out) => res.send(out));
});

app.get("/image", async (req, res) => {
  const url = String(req.query.u);
  if (!/https:\/\/cdn\.example\.com\//.test(url)) return res.sendStatus(400);
  // ruleid: js.ssrf
  const image = await axios.get(url, { responseType: "arraybuffer" });
  res.send(image.data);
});

app.get("/image/cdn", async (req, res) => {
  const url = String(req.query.u);
  if (!CDN.test(url)) return res.sendStatus(400);
  // ok: js.ssrf
  const image = await axios.get(url, { responseType: "arraybuffer" });
  res.send(image.data);
});

app.get("/continue", (req, res) => {
  const next = String(req.query.next);
  if (!LOCAL_PATH.test(next)) return res.redirect("/");
  // ok: js.open-redirect
  res.redirect(next);
});

module.exports = app;
