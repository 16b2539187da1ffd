// Containment checked on the path relative to the root: `path.relative` resolves both paths,
// and only a path outside the root comes back starting with `..` (or, on Windows, absolute).
const express = require("express");
const fs = require("node:fs");
const path = require("node:path");

const router = express.Router();
const STORAGE = path.resolve("/srv/storage");

router.get("/blob/*", (req, res) => {
  const full = path.resolve(STORAGE, req.params[0]);
  const rel = path.relative(STORAGE, full);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    return res.status(403).end();
  }
  // ok: js.path-traversal-request
  fs.createReadStream(full).pipe(res);
});

router.get("/blob-suffix/*", (req, res) => {
  const full = path.resolve(STORAGE, req.params[0]);
  const rel = path.relative(STORAGE, full);
  if (rel.endsWith("..") || path.isAbsolute(rel)) {
    return res.status(403).end();
  }
  // ruleid: js.path-traversal-request
  fs.createReadStream(full).pipe(res);
});

router.put("/doc/:name", (req, res) => {
  const file = path.join(STORAGE, "docs", req.params.name);
  if (path.relative(STORAGE, file).split(path.sep).includes("..")) {
    return res.sendStatus(400);
  }
  // ok: js.path-traversal-request
  fs.writeFileSync(file, String(req.body));
  res.sendStatus(204);
});

router.put("/doc-other/:name", (req, res) => {
  const file = path.join(STORAGE, "docs", req.params.name);
  const other = path.join(STORAGE, "docs", String(req.query.copy));
  if (path.relative(STORAGE, file).split(path.sep).includes("..")) {
    return res.sendStatus(400);
  }
  // ruleid: js.path-traversal-request
  fs.copyFileSync(file, other);
  res.sendStatus(204);
});

module.exports = router;

// The first step of the relative path compared with `..`: the same check as `startsWith("..")`.
function insideUploads(name) {
  const full = path.resolve(STORAGE, "uploads", name);
  const rel = path.relative(STORAGE, full);
  if (!rel || rel.split(path.sep)[0] === ".." || path.isAbsolute(rel)) {
    return null;
  }
  return full;
}

router.get("/upload/:name", (req, res) => {
  const full = insideUploads(req.params.name);
  if (!full) return res.sendStatus(403);
  // ok: js.path-traversal-request
  res.sendFile(full);
});

router.get("/upload-last/:name", (req, res) => {
  const full = path.resolve(STORAGE, "uploads", req.params.name);
  const parts = path.relative(STORAGE, full).split(path.sep);
  if (parts[parts.length - 1] === "..") return res.sendStatus(403);
  // ruleid: js.path-traversal-request
  res.sendFile(full);
});

// A relative start is no containment: `reports/../../etc/passwd` has it.
function isReportName(name) {
  return name.startsWith("reports/");
}

router.get("/report", (req, res) => {
  const name = String(req.query.file);
  if (!isReportName(name)) return res.sendStatus(400);
  // ruleid: js.path-traversal-request
  res.sendFile(path.join(STORAGE, name));
});

router.get("/report-resolved", (req, res) => {
  const full = path.resolve(STORAGE, String(req.query.file));
  if (!full.startsWith(STORAGE + path.sep)) return res.sendStatus(400);
  // ok: js.path-traversal-request
  res.sendFile(full);
});
