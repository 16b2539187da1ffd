// Report renderers loaded by name from an Express route.
const express = require("express");
const path = require("path");

const app = express();
const RENDERERS = new Set(["pdf", "csv", "html"]);

app.get("/report/:kind", (req, res) => {
  // ruleid: js.require-untrusted-module
  const renderer = require(`./renderers/${req.params.kind}`);
  res.send(renderer.render(req.query));
});

app.get("/report-checked/:kind", (req, res) => {
  const kind = req.params.kind;
  if (!RENDERERS.has(kind)) {
    return res.status(404).end();
  }
  // ok: js.require-untrusted-module
  const renderer = require(`./renderers/${kind}`);
  res.send(renderer.render(req.query));
});

app.get("/report-base/:kind", (req, res) => {
  // ok: js.require-untrusted-module
  const renderer = require(path.join(__dirname, "renderers", path.basename(req.params.kind)));
  res.send(renderer.render(req.query));
});

function pluginPath(name) {
  return "./plugins/" + name;
}

app.post("/plugins", async (req, res) => {
  const { name } = req.body;
  // ruleid: js.require-untrusted-module
  const plugin = await import(pluginPath(name));
  res.json(await plugin.default(req.body.options));
});

app.post("/plugins/raw", (req, res) => {
  const mod = req.query.module;
  // ruleid: js.require-untrusted-module
  const loaded = require(mod);
  res.json(Object.keys(loaded));
});

function loadFromCli() {
  // ok: js.require-untrusted-module
  const plugin = require(process.argv[2]);
  plugin.run();
}

// ok: js.require-untrusted-module
const fixed = require("./plugins/default");

module.exports = { app, loadFromCli, fixed };
