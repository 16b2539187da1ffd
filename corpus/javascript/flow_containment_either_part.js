// A containment check written as "neither the root itself nor inside it": where the whole test
// fails, either the path is the root or it starts with the root, and both keep it inside. A test
// whose other part says nothing of the path vouches for nothing.
const express = require("express");
const fs = require("fs/promises");
const path = require("path");

class DocumentStore {
  constructor(baseDir) {
    this.baseDir = path.resolve(baseDir);
  }

  resolveInside(relative) {
    const candidate = path.resolve(this.baseDir, relative);
    if (candidate !== this.baseDir && !candidate.startsWith(this.baseDir + path.sep)) {
      return null;
    }
    return candidate;
  }

  async read(relative) {
    const fullPath = this.resolveInside(relative);
    if (!fullPath) {
      throw new Error("outside of store");
    }
    // ok: js.path-traversal-request
    return fs.readFile(fullPath);
  }

  async readLoose(relative, strict) {
    const candidate = path.resolve(this.baseDir, relative);
    if (candidate !== this.baseDir && strict) {
      throw new Error("refused");
    }
    // ruleid: js.path-traversal-request
    return fs.readFile(candidate);
  }
}

const store = new DocumentStore(process.env.DOCS_DIR || "./data/docs");
const router = express.Router();

router.get("/docs/*", async (req, res) => {
  res.send(await store.read(req.params[0]));
});

router.get("/loose/*", async (req, res) => {
  res.send(await store.readLoose(req.params[0], req.query.strict === "1"));
});

module.exports = router;
