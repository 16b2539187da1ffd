// A validator that binds `path.relative(root, candidate)` to a name and checks that the result
// does not climb, alone or next to other checks, keeps the path it vouches for inside the root.
const express = require('express');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, 'themes');
const app = express();

function insideRoot(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.split(path.sep).includes('..') && !path.isAbsolute(rel);
}

function notEmpty(root, candidate) {
  const rel = path.relative(root, candidate);
  return rel !== '' && candidate.length > 0;
}

app.get('/theme', (req, res) => {
  const target = path.resolve(ROOT, req.query.file);
  if (!insideRoot(ROOT, target)) {
    return res.status(400).end();
  }
  // ok: js.path-traversal-request
  res.send(fs.readFileSync(target, 'utf8'));
});

app.get('/theme-raw', (req, res) => {
  const target = path.resolve(ROOT, req.query.file);
  if (!notEmpty(ROOT, target)) {
    return res.status(400).end();
  }
  // ruleid: js.path-traversal-request
  res.send(fs.readFileSync(target, 'utf8'));
});

app.get('/theme-inline', (req, res) => {
  const target = path.resolve(ROOT, req.query.file);
  const rel = path.relative(ROOT, target);
  if (target.length > 1 && !rel.startsWith('..')) {
    // ok: js.path-traversal-request
    return res.send(fs.readFileSync(target, 'utf8'));
  }
  // ruleid: js.path-traversal-request
  res.send(fs.readFileSync(target, 'utf8'));
});

module.exports = app;
