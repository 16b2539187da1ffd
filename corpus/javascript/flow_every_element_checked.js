const fs = require('fs/promises');
const path = require('path');
const express = require('express');

const app = express();
const DOCS = path.join(__dirname, 'docs');
const SEGMENT = /^[a-z0-9][a-z0-9-]*$/;

app.get('/docs/*', async (req, res) => {
  const parts = req.params[0].split('/');
  if (!parts.every((p) => SEGMENT.test(p))) {
    return res.sendStatus(404);
  }
  // ok: js.path-traversal-request
  res.send(await fs.readFile(path.join(DOCS, parts.join('/') + '.md'), 'utf8'));
});

app.get('/raw/*', async (req, res) => {
  const parts = req.params[0].split('/');
  if (!parts.every((p) => p.length > 0)) {
    return res.sendStatus(404);
  }
  // ruleid: js.path-traversal-request
  res.send(await fs.readFile(path.join(DOCS, parts.join('/')), 'utf8'));
});

app.get('/pages', async (req, res) => {
  const names = [].concat(req.query.name);
  if (names.every((n) => SEGMENT.test(n))) {
    // ok: js.path-traversal-request
    return res.send(await fs.readFile(path.join(DOCS, names[0]), 'utf8'));
  }
  // ruleid: js.path-traversal-request
  res.send(await fs.readFile(path.join(DOCS, names[0]), 'utf8'));
});

// The file's own `readFile`, which keeps the name inside the docs folder.
async function readFile(name) {
  return fs.readFile(path.join(DOCS, path.basename(name)), 'utf8');
}

app.get('/page', async (req, res) => {
  // ok: js.path-traversal-request
  res.send(await readFile(req.query.name));
});
