// An Express service: previews, downloads, reports and a build helper.
const express = require("express");
const fs = require("fs");
const path = require("path");
const { exec, execSync } = require("child_process");
const axios = require("axios");
const OpenAI = require("openai");

const app = express();
const openai = new OpenAI();
const UPLOADS = path.join(__dirname, "uploads");
const ALLOWED_HOSTS = new Set(["images.example.com"]);

async function fetchPage(url) {
  // ruleid: js.ssrf
  return fetch(url);
}

async function fetchStatus(name) {
  // ok: js.ssrf
  return fetch("https://status.example.com/api/" + name);
}

app.get("/preview", async (req, res) => {
  const target = req.query.url;
  // ruleid: js.ssrf
  const page = await fetch(target);
  res.json({ status: page.status });
});

app.get("/preview-hosted", async (req, res) => {
  const id = req.query.id;
  // ok: js.ssrf
  const page = await fetch(`https://images.example.com/thumbs/${id}.png`);
  res.json({ status: page.status });
});

app.post("/webhook-test", async (req, res) => {
  const { callback } = req.body;
  const first = callback;
  const second = first.trim();
  // ruleid: js.ssrf
  await axios.post(second, { ping: true });
  res.sendStatus(204);
});

app.get("/proxy", async (req, res) => {
  const host = req.query.host;
  if (!ALLOWED_HOSTS.has(host)) {
    return res.sendStatus(400);
  }
  // ok: js.ssrf
  const upstream = await axios.get("https://" + host + "/feed.json");
  res.json(upstream.data);
});

app.get("/via-helper", async (req, res) => {
  const page = await fetchPage(req.query.url);
  res.send(await page.text());
});

app.get("/status", async (req, res) => {
  const page = await fetchStatus(req.query.service);
  res.send(await page.text());
});

app.get("/files", (req, res) => {
  const name = req.query.name;
  const full = path.join(UPLOADS, name);
  // ruleid: js.path-traversal-request
  fs.readFile(full, (err, data) => res.send(data));
});

app.get("/files-safe", (req, res) => {
  const name = path.basename(req.query.name);
  const full = path.join(UPLOADS, name);
  // ok: js.path-traversal-request
  fs.readFile(full, (err, data) => res.send(data));
});

app.get("/files-fixed", (req, res) => {
  // ok: js.path-traversal-request
  fs.readFile(path.join(UPLOADS, "index.json"), (err, data) => res.send(data));
});

app.delete("/files/:name", (req, res) => {
  const { name } = req.params;
  // ruleid: js.path-traversal-request
  fs.unlinkSync(path.join(UPLOADS, name));
  res.sendStatus(204);
});

app.get("/orders", async (req, res) => {
  const status = req.query.status;
  // ruleid: js.sql-string-built
  const sql = "SELECT * FROM orders WHERE status = '" + status + "'";
  // ruleid: js.sql-injection-query
  const rows = await db.query(sql);
  res.json(rows);
});

app.get("/orders-bound", async (req, res) => {
  const sql = "SELECT * FROM orders WHERE status = $1";
  // ok: js.sql-injection-query
  const rows = await db.query(sql, [req.query.status]);
  res.json(rows);
});

app.get("/orders-page", async (req, res) => {
  const page = Number(req.query.page);
  // ok: js.sql-injection-query
  const rows = await db.query(`SELECT * FROM orders LIMIT 20 OFFSET ${page * 20}`);
  res.json(rows);
});

app.get("/ping", (req, res) => {
  // ruleid: js.exec-command-interpolation
  exec(`ping -c 1 ${req.query.host}`, (err, out) => res.send(out));
});

function buildDocs() {
  const script = path.join(__dirname, "scripts", "build-docs.sh");
  // ok: js.exec-command-interpolation
  execSync(`bash ${script} --out ${path.join(__dirname, "dist")}`);
}

function runTests() {
  const cmd = "npm test -- --runInBand";
  // ok: js.exec-command-variable
  execSync(cmd, { stdio: "inherit" });
}

app.post("/convert", (req, res) => {
  const file = req.body.file;
  const command = "convert " + file + " out.png";
  // ruleid: js.exec-command-variable
  exec(command, () => res.sendStatus(204));
});

app.post("/agent", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: req.body.task }],
  });
  const code = completion.choices[0].message.content;
  // ruleid: js.eval-dynamic
  const result = eval(code);
  res.json({ result });
});

function evalConstant() {
  const expression = "2 + 2";
  // ok: js.eval-dynamic
  return eval(expression);
}

module.exports = { app, buildDocs, runTests, evalConstant };
