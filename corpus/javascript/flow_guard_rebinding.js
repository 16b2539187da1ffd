// What a guard vouches for a member (`op.path`) holds until the name is bound again.
const express = require("express");
const _ = require("lodash");

const app = express();
const SETTINGS = { "ui.theme": "light", "ui.density": "compact" };
const settings = {};

app.post("/settings", (req, res) => {
  for (const op of req.body.ops) {
    if (!Object.hasOwn(SETTINGS, op.path)) continue;
    // ok: js.prototype-pollution-merge
    _.set(settings, op.path, op.value);
  }
  for (const op of req.body.ops) {
    // ruleid: js.prototype-pollution-merge
    _.set(settings, op.path, op.value);
  }
  res.json(settings);
});

app.post("/settings/legacy", (req, res) => {
  for (const op of req.body.ops) {
    if (!Object.prototype.hasOwnProperty.call(SETTINGS, op.path)) continue;
    // ok: js.prototype-pollution-merge
    _.set(settings, op.path, op.value);
  }
  res.json(settings);
});

app.get("/preview", async (req, res) => {
  const url = String(req.query.url);
  // Only how the address ends is checked.
  if (!/\.png$/.test(url)) return res.status(400).end();
  // ruleid: js.ssrf
  const image = await fetch(url);
  res.type("png").send(Buffer.from(await image.arrayBuffer()));
});

app.get("/preview/cdn", async (req, res) => {
  const url = String(req.query.url);
  if (!/^https:\/\/cdn\.example\.com\//.test(url)) return res.status(400).end();
  // ok: js.ssrf
  const image = await fetch(url);
  res.type("png").send(Buffer.from(await image.arrayBuffer()));
});
