// A function picked from a table by the caller's key: the call may run any entry, so the sinks
// in each are reached. A table read by a key the code names runs that entry only.
const fs = require("fs/promises");
const path = require("path");
const express = require("express");

const app = express();
const CONFIG = path.resolve(__dirname, "config");

function loadYaml(file) {
  // ruleid: js.path-traversal-request
  return fs.readFile(file, "utf8");
}

const loaders = {
  json: async (file) => {
    // ruleid: js.path-traversal-request
    const text = await fs.readFile(file, "utf8");
    return JSON.parse(text);
  },
  yaml: loadYaml,
};

const fixedLoaders = {
  json: async () => JSON.parse(await fs.readFile(path.join(CONFIG, "default.json"), "utf8")),
  defaults: async (file) => ({ file }),
};

app.get("/config/:tenant/:format", async (req, res) => {
  const file = path.join(CONFIG, req.params.tenant);
  res.json(await loaders[req.params.format](file));
});

app.get("/config-chosen/:tenant/:format", async (req, res) => {
  const file = path.join(CONFIG, req.params.tenant);
  const load = loaders[req.params.format] || loaders.json;
  res.json(await load(file));
});

app.get("/defaults/:tenant/:format", async (req, res) => {
  const file = path.join(CONFIG, req.params.tenant);
  const load = fixedLoaders[req.params.format] || fixedLoaders.defaults;
  res.json(await load(file));
});

module.exports = app;
