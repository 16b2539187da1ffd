// A `..` check keeps a name inside its root with `path.join` (it adds the name as text);
// `path.resolve` starts again at an absolute name (`/etc/passwd`), which the check lets through.
'use strict';
const express = require('express');
const path = require('path');

const app = express();
const ROOT = path.join(__dirname, 'files');

app.get('/joined', (req, res) => {
  const name = String(req.query.name);
  if (name.includes('..')) return res.sendStatus(400);
  // ok: js.path-traversal-request
  res.sendFile(path.join(ROOT, name));
});

app.get('/resolved', (req, res) => {
  const name = String(req.query.name);
  if (name.includes('..')) return res.sendStatus(400);
  // ruleid: js.path-traversal-request
  res.sendFile(path.resolve(ROOT, name));
});

app.get('/resolved/relative', (req, res) => {
  const name = String(req.query.name);
  if (name.includes('..') || path.isAbsolute(name)) return res.sendStatus(400);
  // ok: js.path-traversal-request
  res.sendFile(path.resolve(ROOT, name));
});

app.get('/resolved/twice', (req, res) => {
  const file = String(req.query.file);
  if (file.includes('..')) return res.sendStatus(400);
  // ruleid: js.path-traversal-request
  res.download(path.resolve(ROOT, file));
});
