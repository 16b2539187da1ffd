// A containment check against a root the enclosing function resolved (`const base =
// path.resolve(root)` above the returned handler), and an Express application's own
// `req.app.locals`.
const path = require("path");
const fs = require("fs");

function createStaticHandler(root) {
  const base = path.resolve(root);
  return function serve(req, res, next) {
    const pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    const file = path.join(base, path.normalize(pathname));
    if (file !== base && !file.startsWith(base + path.sep)) {
      res.statusCode = 403;
      return res.end();
    }
    // ok: js.path-traversal-request
    fs.createReadStream(file).pipe(res);
  };
}

function createLooseHandler(root) {
  const base = path.resolve(root);
  return function serve(req, res) {
    const file = path.join(base, req.query.name);
    if (file === base) {
      return res.end();
    }
    // ruleid: js.path-traversal-request
    fs.createReadStream(file).pipe(res);
  };
}

function createTenantHandler(req, res) {
  const base = req.query.root;
  const send = (name) => {
    const file = path.join(base, name);
    if (file !== base && !file.startsWith(base + path.sep)) {
      return res.end();
    }
    // ruleid: js.path-traversal-request
    fs.createReadStream(file).pipe(res);
  };
  send("index.html");
}

function reportsDir(req, res) {
  const dir = req.app.locals.reportsDir;
  // ok: js.path-traversal-request
  fs.readdir(dir, (err, names) => res.json(err ? [] : names));
}

function reportsOf(req, res) {
  // ruleid: js.path-traversal-request
  fs.readdir(path.join(req.app.locals.reportsDir, req.params.user), (err, names) => res.json(names));
}

module.exports = { createStaticHandler, createLooseHandler, createTenantHandler, reportsDir, reportsOf };
