// Preferences stored in a cookie, plus a YAML-driven job runner.
const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");
const { unserialize: decodeTask } = require("node-serialize");
const funcster = require("funcster");
const Cryo = require("cryo");
const yaml = require("js-yaml");
const fs = require("fs");

const app = express();
app.use(cookieParser());

app.get("/profile", (req, res) => {
  const raw = Buffer.from(req.cookies.prefs || "", "base64").toString();
  // ruleid: js.unsafe-deserialization
  const prefs = serialize.unserialize(raw);
  res.json(prefs);
});

app.post("/import", express.text(), (req, res) => {
  // ruleid: js.unsafe-deserialization
  const state = require("node-serialize").unserialize(req.body);
  res.json({ keys: Object.keys(state) });
});

function restoreHandlers(message) {
  // ruleid: js.unsafe-deserialization
  return funcster.deepDeserialize(JSON.parse(message));
}

function restoreSession(blob) {
  // ruleid: js.unsafe-deserialization
  return Cryo.parse(blob);
}

app.get("/profile-safe", (req, res) => {
  // ok: js.unsafe-deserialization
  const prefs = JSON.parse(Buffer.from(req.cookies.prefs || "e30=", "base64").toString());
  res.json(prefs);
});

// ok: js.unsafe-deserialization
const defaults = serialize.unserialize('{"theme":"dark"}');

// ok: js.unsafe-deserialization
const cookie = serialize.serialize({ theme: "light" });

// ok: js.unsafe-deserialization
const parsed = querystring.unserialize(location.hash);

app.post("/jobs", express.text({ type: "*/*" }), (req, res) => {
  // ruleid: js.yaml-unsafe-schema
  const job = yaml.load(req.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
  res.json(job);
});

const { deserialize: reviveSnapshot } = require("serialize-to-js");

app.post("/snapshots", express.json(), (req, res) => {
  // ruleid: js.unsafe-deserialization
  const snapshot = reviveSnapshot(req.body.snapshot);
  res.json({ keys: Object.keys(snapshot) });
});

// ok: js.unsafe-deserialization
const defaults = reviveSnapshot("{theme: 'light'}");

function loadPipeline(path) {
  const text = fs.readFileSync(path, "utf8");
  // ruleid: js.yaml-unsafe-schema
  return yaml.loadAll(text, null, { filename: path, schema: yaml.FULL_SCHEMA });
}

app.post("/jobs/v2", express.text({ type: "*/*" }), (req, res) => {
  const schema = yaml.DEFAULT_FULL_SCHEMA;
  // ruleid: js.yaml-unsafe-schema
  res.json(yaml.load(req.body, { schema }));
});

app.post("/jobs/v3", express.text({ type: "*/*" }), (req, res) => {
  const schema = yaml.CORE_SCHEMA;
  // ok: js.yaml-unsafe-schema
  res.json(yaml.load(req.body, { schema }));
});

// ok: js.yaml-unsafe-schema
const settings = yaml.load(fs.readFileSync("settings.yml", "utf8"));

// ok: js.yaml-unsafe-schema
const strict = yaml.load(fs.readFileSync("strict.yml", "utf8"), { schema: yaml.CORE_SCHEMA });

// ok: js.yaml-unsafe-schema
const dumped = yaml.dump(settings, { schema: yaml.DEFAULT_FULL_SCHEMA });

module.exports = { app, restoreHandlers, restoreSession, loadPipeline };

// Tasks a queue delivers, decoded under the name the import gives `unserialize`.
function onTask(message) {
  // ruleid: js.unsafe-deserialization
  return decodeTask(message.content.toString());
}
