'use strict';
// Downloads through a helper that resolves the path and checks it stays under the base it is
// given; the same helper without the check.
const express = require('express');
const path = require('path');

const app = express();
const UPLOAD_DIR = path.resolve(__dirname, 'uploads');

function safeJoin(base, rel) {
  const full = path.resolve(base, rel);
  if (full !== base && !full.startsWith(base + path.sep)) {
    return null;
  }
  return full;
}

function looseJoin(base, rel) {
  const full = path.resolve(base, rel);
  if (full === base) {
    return null;
  }
  return full;
}

app.get('/download', (req, res) => {
  const filePath = safeJoin(UPLOAD_DIR, req.query.file);
  if (!filePath) return res.status(403).send('forbidden');
  // ok: js.path-traversal-request
  res.sendFile(filePath);
});

app.get('/download-loose', (req, res) => {
  const filePath = looseJoin(UPLOAD_DIR, req.query.file);
  if (!filePath) return res.status(403).send('forbidden');
  // ruleid: js.path-traversal-request
  res.sendFile(filePath);
});

module.exports = app;

// A merge of the file's own that skips the keys a deny-list names.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    const val = source[key];
    if (val && typeof val === 'object') {
      if (!target[key] || typeof target[key] !== 'object') target[key] = Object.create(null);
      deepMerge(target[key], val);
    } else {
      // ok: js.prototype-pollution-recursive-merge
      target[key] = val;
    }
  }
  return target;
}

function merge(target, source) {
  for (const key of Object.keys(source)) {
    const val = source[key];
    if (val && typeof val === 'object') {
      if (!target[key]) target[key] = {};
      merge(target[key], val);
    } else {
      // ruleid: js.prototype-pollution-recursive-merge
      target[key] = val;
    }
  }
  return target;
}

const prefs = new Map();

app.patch('/prefs/:id', (req, res) => {
  // ok: js.prototype-pollution-merge
  prefs.set(req.params.id, deepMerge(Object.create(null), req.body));
  res.sendStatus(204);
});

app.patch('/prefs-naive/:id', (req, res) => {
  // The merge's own copy is reported (js.prototype-pollution-recursive-merge), not this call.
  // ok: js.prototype-pollution-merge
  prefs.set(req.params.id, merge({}, req.body));
  res.sendStatus(204);
});
