// Error handling, logging, merging settings and cookies in an Express + Koa API.
const express = require("express");
const _ = require("lodash");
// ruleid: js.weak-hash-package
const md5 = require("md5");
// ok: js.weak-hash-package
const crypto = require("crypto");
// ruleid: js.vm2-sandbox
const { VM } = require("vm2");
// ok: js.vm2-sandbox
const vm = require("vm");
const { ApolloServer } = require("@apollo/server");
const https = require("https");

const app = express();

app.post("/login", async (req, res) => {
  const { email, password } = req.body;
  // ruleid: js.log-secret, js.log-injection
  console.log(`login ${email} with password ${password}`);
  // ruleid: js.log-secret
  logger.info("issued token", accessToken);
  // ok: js.log-secret
  // ruleid: js.log-injection
  console.log(`login attempt for ${email}`);
  // ok: js.log-secret
  logger.info(`password length ${password.length}`, { email });
  // ok: js.log-secret
  console.log("Password reset requested");
  res.json({ ok: md5(email) });
});

// ruleid: js.stack-trace-exposed
app.use((err, req, res, next) => res.status(500).json({ message: err.message, stack: err.stack }));
app.use((err, req, res, next) => {
  // ruleid: js.stack-trace-exposed
  res.status(500).send(err.stack);
});
app.use((err, req, res, next) => {
  // ok: js.stack-trace-exposed
  res.status(500).json({ message: "internal error", id: req.id });
});
app.use((err, req, res, next) => {
  // ok: js.stack-trace-exposed
  res.status(500).json({ message: err.message, stack: process.env.NODE_ENV === "development" ? err.stack : undefined });
});

async function koaErrors(ctx, next) {
  try {
    await next();
  } catch (err) {
    // ruleid: js.stack-trace-exposed
    ctx.body = { error: err.stack };
    // ok: js.stack-trace-exposed
    ctx.status = err.status || 500;
  }
}

app.post("/settings", (req, res) => {
  // ruleid: js.prototype-pollution-merge
  const settings = _.merge({}, defaults, req.body);
  // ruleid: js.prototype-pollution-merge
  _.set(store, req.query.path, req.query.value);
  // ok: js.prototype-pollution-merge
  const safe = _.merge({}, defaults, pickAllowed(req.body, ["theme", "lang"]).parsed);
  // ok: js.prototype-pollution-merge
  const plain = _.merge({}, defaults, overrides);
  // ruleid: js.prototype-pollution-merge
  set(store, req.body.path, true);
  // ok: js.prototype-pollution-merge
  res.set("X-Settings-Path", req.query.path);
  // ok: js.prototype-pollution-merge
  recent.set(req.query.path, Date.now());
  // ruleid: js.prototype-pollution-assign
  store[req.body.section][req.body.key] = req.body.value;
  // ruleid: js.prototype-pollution-assign
  flags[req.query.name] = true;
  // ok: js.prototype-pollution-assign
  store[section][key] = req.body.value;
  // ok: js.prototype-pollution-assign
  counts[req.user.id] = (counts[req.user.id] || 0) + 1;
  res.json({ settings, safe, plain });
});

app.post("/run", (req, res) => {
  // ruleid: js.vm-dynamic-code
  res.json({ out: new VM({ timeout: 100 }).run(req.body.code), ctx: vm.createContext({}) });
});

// ruleid: js.graphql-introspection
const server = new ApolloServer({ typeDefs, resolvers, introspection: true });
// ok: js.graphql-introspection
const server2 = new ApolloServer({ typeDefs, resolvers, introspection: process.env.NODE_ENV !== "production" });
// ruleid: js.graphql-introspection
const yoga = createYoga({ schema, graphiql: true });
// ok: js.graphql-introspection
const yoga2 = createYoga({ schema, graphiql: false });

// ruleid: js.tls-weak-ciphers
const legacy = https.createServer({ key, cert, ciphers: "ALL" }, app);
// ruleid: js.tls-weak-ciphers
const legacy2 = https.createServer({ key, cert, ciphers: "RC4-SHA:AES128-SHA" }, app);
// ok: js.tls-weak-ciphers
const modern = https.createServer({ key, cert, ciphers: "TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256" }, app);
// ok: js.tls-weak-ciphers
const modern2 = https.createServer({ key, cert, ciphers: "HIGH:!aNULL:!MD5:!RC4" }, app);

async function koaLogin(ctx) {
  // ruleid: js.cookie-insecure-flags-koa-fastify
  ctx.cookies.set("sid", ctx.state.sessionId, { httpOnly: false });
  // ok: js.cookie-insecure-flags-koa-fastify
  ctx.cookies.set("sid", ctx.state.sessionId, { httpOnly: true, secure: true });
  // ok: js.cookie-insecure-flags-koa-fastify
  ctx.cookies.set("XSRF-TOKEN", ctx.state.csrf, { httpOnly: false });
}

function fastifyLogin(request, reply) {
  // ruleid: js.cookie-insecure-flags-koa-fastify
  reply.setCookie("session", request.session.id, { path: "/", secure: false });
  // ok: js.cookie-insecure-flags-koa-fastify
  reply.setCookie("session", request.session.id, { path: "/", secure: true, httpOnly: true });
}

module.exports = { app, koaErrors, server, server2, yoga, yoga2, legacy, legacy2, modern, modern2, koaLogin, fastifyLogin };

app.post("/preferences", (req, res) => {
  const { path: keyPath, value } = req.body;
  const prefs = {};
  // ruleid: js.prototype-pollution-merge
  _.set(prefs, keyPath, value);
  const imported = JSON.parse(req.body.raw);
  // ruleid: js.prototype-pollution-merge
  _.merge(prefs, imported);
  // ok: js.prototype-pollution-merge
  _.set(prefs, "theme", value);
  res.json(prefs);
});

app.post("/formula", express.text(), (req, res) => {
  const sandbox = new VM({ timeout: 500, sandbox: {} });
  // ruleid: js.vm-dynamic-code
  const result = sandbox.run(req.body);
  // ok: js.vm-dynamic-code
  const version = new VM({ timeout: 50 }).run("'1.0.0'");
  res.json({ result, version });
});

// The inner object held in a name first: the outer key still picks it.
function upsertMessage(store, locale, key, text) {
  if (!store[locale]) store[locale] = {};
  const bucket = store[locale];
  // ruleid: js.prototype-pollution-assign
  bucket[key] = text;
}
function upsertKnown(store, key, text) {
  const bucket = store[DEFAULT_LOCALE];
  // ok: js.prototype-pollution-assign
  bucket[key] = text;
}
const DEFAULT_LOCALE = "en";
const messages = { en: {} };
app.put("/messages/:locale/:key", (req, res) => {
  upsertMessage(messages, req.params.locale, req.params.key, String(req.body.text));
  upsertKnown(messages, req.params.key, String(req.body.text));
  res.sendStatus(204);
});
