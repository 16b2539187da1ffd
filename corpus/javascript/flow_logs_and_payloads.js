// An Express service that logs what it does and restores user state: request data and model answers
// that reach a log message, a deserializer, a `vm` script or an XML parser, next to twins that escape
// them or use the program's own constants.
const express = require("express");
const fs = require("fs");
const libxmljs = require("libxmljs2");
const ns = require("node-serialize");
const serialize = require("node-serialize");
const vm = require("node:vm");
const { runInNewContext: evaluate } = require("node:vm");
const OpenAI = require("openai");

const app = express();
const openai = new OpenAI();
const DEFAULT_PREFS = '{"theme":"light"}';
const RULE_SOURCE = "order.total > 100";
const BUNDLED_CATALOG = "<catalog><item id='1'/></catalog>";
const SANDBOX = Object.freeze({});

function audit(action, who) {
  // ruleid: js.log-injection
  console.log(`[audit] ${action} by ${who}`);
}

app.post("/login", (req, res) => {
  // ruleid: js.log-injection
  console.warn(`failed login for ${req.body.user}`);
  res.sendStatus(401);
});

app.post("/login-quoted", (req, res) => {
  // ok: js.log-injection
  console.warn(`failed login for ${JSON.stringify(req.body.user)}`);
  res.sendStatus(401);
});

app.get("/search", (req, res) => {
  const first = req.query.q;
  const second = first.trim();
  const third = second.slice(0, 80);
  // ruleid: js.log-injection
  console.info("search: " + third);
  res.json([]);
});

app.get("/search-flat", (req, res) => {
  const first = req.query.q;
  const second = first.replace(/[\r\n]+/g, " ");
  const third = second.slice(0, 80);
  // ok: js.log-injection
  console.info("search: " + third);
  res.json([]);
});

app.delete("/items/:id", (req, res) => {
  audit("delete", req.params.id);
  // ok: js.log-injection
  audit("delete", encodeURIComponent(req.params.id));
  res.sendStatus(204);
});

app.post("/summaries", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: req.body.ticket }],
  });
  const summary = completion.choices[0].message.content;
  // ruleid: js.log-injection
  console.log(`summary ready: ${summary}`);
  // ok: js.log-injection
  console.log(`summary ready: ${JSON.stringify(summary)}`);
  res.json({ summary });
});

app.get("/prefs", (req, res) => {
  // ruleid: js.unsafe-deserialization
  const prefs = ns.unserialize(req.cookies.prefs);
  res.json(prefs);
});

app.get("/prefs-default", (req, res) => {
  // ok: js.unsafe-deserialization
  const prefs = serialize.unserialize(DEFAULT_PREFS);
  res.json(prefs);
});

app.post("/state", (req, res) => {
  const first = req.body.state;
  const second = Buffer.from(first, "base64");
  const third = second.toString("utf8");
  // ruleid: js.unsafe-deserialization
  res.json(serialize.unserialize(third));
});

app.post("/state-default", (req, res) => {
  const first = DEFAULT_PREFS;
  const second = first;
  const third = second;
  // ok: js.unsafe-deserialization
  res.json(serialize.unserialize(third));
});

app.post("/rules/check", async (req, res) => {
  const completion = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: `Write a JS condition for: ${req.body.policy}` }],
  });
  const condition = completion.choices[0].message.content;
  // ruleid: js.vm-dynamic-code
  const allowed = evaluate(condition, { order: req.body.order });
  res.json({ allowed });
});

app.post("/rules/default", (req, res) => {
  const condition = RULE_SOURCE;
  // ok: js.vm-dynamic-code
  const allowed = evaluate(condition, { order: req.body.order });
  res.json({ allowed });
});

app.post("/rules/script", (req, res) => {
  // ok: js.vm-dynamic-code
  const script = new vm.Script(RULE_SOURCE);
  res.json({ allowed: script.runInNewContext(SANDBOX) });
});

app.post("/catalog", (req, res) => {
  // ruleid: js.libxmljs-noent
  const doc = libxmljs.parseXml(req.body, { noent: true });
  res.json({ items: doc.find("//item").length });
});

app.get("/catalog/default", (req, res) => {
  // ok: js.libxmljs-noent
  const doc = libxmljs.parseXml(BUNDLED_CATALOG, { noent: true });
  res.json({ items: doc.find("//item").length });
});

const port = process.argv[2] || "3000";
// ok: js.log-injection
console.log(`listening on ${port}`);
app.listen(Number(port));

const winston = require("winston");
const textLogger = winston.createLogger({
  format: winston.format.printf(({ level, message }) => `${level} ${message}`),
  transports: [new winston.transports.Console()],
});
const jsonLogger = winston.createLogger({
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});
const auditStream = fs.createWriteStream("/var/log/app/audit.log", { flags: "a" });

app.post("/sessions", (req, res) => {
  // ruleid: js.log-injection
  textLogger.info(`login attempt for user=${req.body.user}`);
  // ok: js.log-injection
  jsonLogger.info(`login attempt for user=${req.body.user}`);
  // ruleid: js.log-injection
  auditStream.write(`login user=${req.body.user}\n`);
  // ruleid: js.log-injection
  fs.appendFileSync("logs/access.log", `user=${req.body.user}\n`);
  // ok: js.log-injection
  fs.appendFileSync("data/signups.csv", `${JSON.stringify(req.body.user)}\n`);
  res.sendStatus(204);
});

// The line built first and appended by a helper, to a file named in a constant.
const AUDIT_FILE = process.env.AUDIT_FILE || "/var/log/app/audit.txt";
function appendAudit(event, detail) {
  const line = `${new Date().toISOString()} ${event} ${detail}\n`;
  // ruleid: js.log-injection
  fs.appendFile(AUDIT_FILE, line, () => {});
}

function saveUpload(name, data) {
  // ok: js.log-injection
  fs.appendFile(`/srv/uploads/${name}.part`, data, () => {});
}

app.post("/coupons", (req, res) => {
  appendAudit("coupon.rejected", `code=${req.body.code}`);
  saveUpload("batch", req.body.chunk);
  res.sendStatus(204);
});
