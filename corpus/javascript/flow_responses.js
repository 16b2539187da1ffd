// Express and Fastify responses written as HTML after the status is set; and templates that escape.
const express = require("express");
const ejs = require("ejs");
const escapeHtml = require("escape-html");
const fastify = require("fastify")();

const app = express();

app.get("/missing", (req, res) => {
  // ruleid: js.xss-response
  res.status(404).send(`<h1>No page named ${req.query.page}</h1>`);
});

app.get("/missing-escaped", (req, res) => {
  // ok: js.xss-response
  res.status(404).send(`<h1>No page named ${escapeHtml(req.query.page)}</h1>`);
});

app.get("/card", (req, res) => {
  const name = req.query.name;
  // ok: js.xss-response
  res.status(200).send(ejs.render("<p><%= name %></p>", { name }));
});

fastify.get("/page", async (request, reply) => {
  // ruleid: js.xss-response
  reply.type("text/html").send(`<div>${request.query.msg}</div>`);
});

fastify.get("/page-text", async (request, reply) => {
  // ok: js.xss-response
  reply.type("text/plain").send(`<div>${request.query.msg}</div>`);
});

fastify.get("/page-built", async (request, reply) => {
  const page = '<div class="alert">' + request.query.msg + "</div>";
  // ruleid: js.xss-response
  reply.header("Content-Type", "text/html; charset=utf-8").send(page);
});

fastify.get("/missing", async (request, reply) => {
  // ruleid: js.xss-response
  reply.code(404).type("text/html").send(`<p>No page for ${request.query.ref}</p>`);
});

fastify.get("/missing-text", async (request, reply) => {
  // ok: js.xss-response
  reply.code(404).type("text/plain").send(`<p>No page for ${request.query.ref}</p>`);
});

fastify.get("/page-plain", async (request, reply) => {
  const page = '<div class="alert">' + request.query.msg + "</div>";
  // ok: js.xss-response
  reply.type("text/plain").send(page);
});

// A chain written one call a line, as formatters leave it.
fastify.get("/missing-page", async (request, reply) => {
  const html = `<main><h1>Not found</h1><p>${request.query.path}</p></main>`;
  return reply
    .code(404)
    .type("text/html; charset=utf-8")
    // ruleid: js.xss-response
    .send(html);
});

fastify.get("/missing-page-text", async (request, reply) => {
  const body = `<main><h1>Not found</h1><p>${request.query.path}</p></main>`;
  return reply
    .code(404)
    .type("text/plain")
    // ok: js.xss-response
    .send(body);
});

app.get("/gone", (req, res) => {
  res
    .status(410)
    .type("html")
    // ruleid: js.xss-response
    .send(`<p>${req.query.item} is gone</p>`);
});

const SIGNATURE_RAW = '<div class="sig"><%- signature %></div>';
const SIGNATURE_ESCAPED = '<div class="sig"><%= signature %></div>';

app.get("/signature", (req, res) => {
  // ruleid: js.xss-response
  const raw = ejs.render(SIGNATURE_RAW, { signature: req.query.sig });
  // ok: js.xss-response
  const escaped = ejs.render(SIGNATURE_ESCAPED, { signature: req.query.sig });
  res.send(raw + escaped);
});

const Handlebars = require("handlebars");
const welcome = Handlebars.compile("<h1>Welcome, {{name}}</h1>");
const welcomeRaw = Handlebars.compile("<h1>Welcome, {{{name}}}</h1>");

app.post("/welcome", (req, res) => {
  // ok: js.xss-response
  res.type("html").send(welcome({ name: req.body.name }));
});

app.post("/welcome-raw", (req, res) => {
  // ruleid: js.xss-response
  res.type("html").send(welcomeRaw({ name: req.body.name }));
});

app.post("/welcome-plain", (req, res) => {
  const greeting = "<h1>Welcome, " + req.body.name + "</h1>";
  // ruleid: js.xss-response
  res.type("html").send(greeting);
});

// The reply typed in a statement of its own, then sent.
fastify.get("/card", async (request, reply) => {
  const card = `<section>${request.query.bio}</section>`;
  reply.type("text/html; charset=utf-8");
  // ruleid: js.xss-response
  return reply.send(card);
});

fastify.get("/card-text", async (request, reply) => {
  const card = `<section>${request.query.bio}</section>`;
  reply.type("text/plain");
  // ok: js.xss-response
  return reply.send(card);
});
