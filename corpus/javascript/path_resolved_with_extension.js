const express = require("express");
const fs = require("node:fs/promises");
const path = require("node:path");

const app = express();
const NOTES = path.resolve(__dirname, "notes");

app.get("/notes/:name", async (req, res) => {
  const file = path.resolve(NOTES, req.params.name) + ".md";
  if (!file.startsWith(NOTES + path.sep)) return res.sendStatus(404);
  // ok: js.path-traversal-request
  res.type("text/markdown").send(await fs.readFile(file, "utf8"));
});

app.get("/drafts/:name", async (req, res) => {
  const file = NOTES + "/drafts/" + req.params.name + ".md";
  if (!file.startsWith(NOTES + path.sep)) return res.sendStatus(404);
  // ruleid: js.path-traversal-request
  res.type("text/markdown").send(await fs.readFile(file, "utf8"));
});

app.get("/archive/:name", async (req, res) => {
  const file = path.resolve(NOTES, req.params.name) + "/../index.md";
  if (!file.startsWith(NOTES + path.sep)) return res.sendStatus(404);
  // ruleid: js.path-traversal-request
  res.type("text/markdown").send(await fs.readFile(file, "utf8"));
});

app.get("/shared/:name", async (req, res) => {
  const resolved = path.resolve(NOTES, "shared", req.params.name);
  const file = resolved + ".txt";
  if (!file.startsWith(NOTES + path.sep)) return res.sendStatus(404);
  // ok: js.path-traversal-request
  res.type("text/plain").send(await fs.readFile(file, "utf8"));
});

app.listen(3000);
