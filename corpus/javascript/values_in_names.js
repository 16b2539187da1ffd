// Settings and request data held in a name before the call that misuses them.
const crypto = require("crypto");
const fs = require("fs");
const libxml = require("libxmljs");
const express = require("express");

const app = express();
const ZERO_IV = Buffer.alloc(16, 0);
const TEXT_IV = "0123456789abcdef";
const SHARED_MODE = 0o777;
const PRIVATE_MODE = 0o600;

function encryptRecord(key, text) {
  // ruleid: js.cipher-static-iv
  const fixed = crypto.createCipheriv("aes-256-cbc", key, ZERO_IV);
  // ruleid: js.cipher-static-iv
  const typed = crypto.createCipheriv("aes-256-cbc", key, TEXT_IV);
  const iv = crypto.randomBytes(16);
  // ok: js.cipher-static-iv
  const fresh = crypto.createCipheriv("aes-256-cbc", key, iv);
  return [fixed, typed, fresh].map((c) => c.update(text));
}

function encryptWith(key, iv, text) {
  // ok: js.cipher-static-iv
  return crypto.createCipheriv("aes-256-cbc", key, iv).update(text);
}

function parseFeed(xml) {
  const parserOptions = { noblanks: true, noent: true };
  // ruleid: js.libxmljs-noent
  return libxml.parseXml(xml, parserOptions);
}

function parseFeedSafely(xml) {
  const parserOptions = { noblanks: true, noent: false };
  // ok: js.libxmljs-noent
  return libxml.parseXml(xml, parserOptions);
}

function shareCache(dir) {
  // ruleid: js.world-writable-chmod
  fs.chmodSync(dir, SHARED_MODE);
  // ok: js.world-writable-chmod
  fs.chmodSync(dir, PRIVATE_MODE);
}

app.use((req, res, next) => {
  const origin = req.headers.origin;
  // ruleid: js.cors-reflect-origin
  res.setHeader("Access-Control-Allow-Origin", origin);
  res.setHeader("Access-Control-Allow-Credentials", "true");
  next();
});

const ALLOWED_ORIGINS = ["https://app.example.com"];
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (ALLOWED_ORIGINS.includes(origin)) {
    // ok: js.cors-reflect-origin
    res.setHeader("Access-Control-Allow-Origin", origin);
  }
  next();
});

app.use((req, res, next) => {
  const origin = req.get("origin");
  if (origin) {
    // ruleid: js.cors-reflect-origin
    res.set("Access-Control-Allow-Origin", origin);
    res.set("Access-Control-Allow-Credentials", "true");
  }
  next();
});

app.use((req, res, next) => {
  const origin = req.get("origin");
  const trusted = ALLOWED_ORIGINS.includes(origin) ? origin : null;
  if (trusted) {
    // ok: js.cors-reflect-origin
    res.set("Access-Control-Allow-Origin", trusted);
  }
  next();
});

app.use((req, res, next) => {
  const origin = req.headers.origin;
  // ruleid: js.cors-reflect-origin
  if (origin) res.setHeader("Access-Control-Allow-Origin", origin);
  next();
});

app.post("/users", async (req, res) => {
  const data = req.body;
  // ruleid: js.mass-assignment
  const user = await User.create(data);
  // ruleid: js.mass-assignment
  await Audit.create({ ...req.body, at: new Date() });
  const { name, email } = req.body;
  const fields = { name, email };
  // ok: js.mass-assignment
  await Profile.create(fields);
  res.status(201).json(user);
});

const settingsStore = {};
app.post("/settings", (req, res) => {
  const { section, key, value } = req.body;
  if (!settingsStore[section]) settingsStore[section] = {};
  // ruleid: js.prototype-pollution-assign
  settingsStore[section][key] = value;
  const { field: label } = req.query;
  const fixedSection = "display";
  // ok: js.prototype-pollution-assign
  settingsStore[fixedSection][label] = value;
  res.json({ ok: true });
});

const Router = require("@koa/router");
const koaRouter = new Router();
koaRouter.put("/accounts/:id", async (ctx) => {
  // ruleid: js.mass-assignment
  await Account.findByIdAndUpdate(ctx.params.id, ctx.request.body);
  const updates = ctx.request.body;
  // ruleid: js.mass-assignment
  await Account.findOneAndUpdate({ _id: ctx.params.id }, updates, { new: true });
  // ok: js.mass-assignment
  await Account.findByIdAndUpdate(ctx.params.id, { name: ctx.request.body.name });
  ctx.status = 204;
});
