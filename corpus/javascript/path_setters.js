// Helpers that set a value at a dotted path, as settings endpoints use them.
const express = require("express");

const settings = {};

function setPath(obj, path, value) {
  const keys = path.split(".");
  let cur = obj;
  while (keys.length > 1) {
    const key = keys.shift();
    cur[key] = cur[key] || {};
    cur = cur[key];
  }
  // ruleid: js.prototype-pollution-path-setter
  cur[keys[0]] = value;
}

function setPathChecked(obj, path, value) {
  const keys = path.split(".");
  if (keys.some((k) => k === "__proto__" || k === "constructor" || k === "prototype")) {
    throw new Error("invalid path");
  }
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    cur[keys[i]] = cur[keys[i]] || {};
    cur = cur[keys[i]];
  }
  // ok: js.prototype-pollution-path-setter
  cur[keys[keys.length - 1]] = value;
}

function setPathOwn(obj, path, value) {
  const keys = path.split("/");
  let node = obj;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(node, key)) node[key] = {};
    node = node[key];
  }
  // ok: js.prototype-pollution-path-setter
  node[keys[keys.length - 1]] = value;
}

function parseVersion(text) {
  const parts = text.split(".");
  const out = [0, 0, 0];
  for (let i = 0; i < parts.length && i < 3; i++) {
    // ok: js.prototype-pollution-path-setter
    out[i] = Number(parts[i]);
  }
  return out;
}

const app = express();
app.use(express.json());
app.patch("/settings", (req, res) => {
  setPath(settings, req.body.path, req.body.value);
  setPathChecked(settings, req.body.path, req.body.value);
  setPathOwn(settings, req.body.path, req.body.value);
  res.json({ settings, version: parseVersion(String(req.query.v)) });
});

// The cursor may have any name.
function assignPath(root, dotted, value) {
  const parts = dotted.split(".");
  let walker = root;
  for (const part of parts.slice(0, -1)) {
    if (walker[part] === undefined) walker[part] = {};
    walker = walker[part];
  }
  // ruleid: js.prototype-pollution-path-setter
  walker[parts[parts.length - 1]] = value;
}

// A list filled by index is no path walk.
function spread(values) {
  const columns = "a.b.c".split(".");
  const row = [];
  for (let i = 0; i < columns.length; i += 1) {
    // ok: js.prototype-pollution-path-setter
    row[i] = values[columns[i]];
  }
  return row;
}
