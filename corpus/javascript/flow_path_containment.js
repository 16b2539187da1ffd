// Serving stored uploads by id: the resolved file must sit directly in the upload directory.
const express = require("express");
const path = require("node:path");

const app = express();
const UPLOADS = path.resolve(__dirname, "uploads");

app.get("/uploads/:id", (req, res) => {
  const file = path.resolve(UPLOADS, req.params.id);
  if (path.dirname(file) !== UPLOADS) {
    return res.sendStatus(400);
  }
  // ok: js.path-traversal-request
  res.sendFile(file);
});

app.get("/uploads/:id/preview", (req, res) => {
  const file = path.resolve(UPLOADS, req.params.id);
  const preview = path.resolve(UPLOADS, String(req.query.preview));
  if (path.dirname(file) !== UPLOADS) {
    return res.sendStatus(400);
  }
  // ruleid: js.path-traversal-request
  res.sendFile(preview);
});

app.get("/uploads/:id/in", (req, res) => {
  const file = path.resolve(UPLOADS, req.params.id);
  if (path.basename(file) !== "") {
    // ruleid: js.path-traversal-request
    res.sendFile(file);
  }
});

app.get("/static/*", (req, res) => {
  const file = path.resolve(UPLOADS, "." + req.path);
  if (file !== UPLOADS && !file.startsWith(UPLOADS + path.sep)) {
    return res.sendStatus(403);
  }
  // ok: js.path-traversal-request
  res.sendFile(file);
});

app.get("/static-loose/*", (req, res) => {
  const file = path.resolve(UPLOADS, "." + req.path);
  if (file !== UPLOADS && req.query.strict) {
    return res.sendStatus(403);
  }
  // ruleid: js.path-traversal-request
  res.sendFile(file);
});
