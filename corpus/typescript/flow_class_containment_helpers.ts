// A store whose `resolve` returns the full path only inside its root (else null), and one that
// returns it unchecked.
import express from "express";
import fs from "fs";
import path from "path";

const STORAGE = path.resolve(process.env.STORAGE_DIR || "/data/files");

class CheckedStore {
  resolve(name: string): string | null {
    const full = path.resolve(STORAGE, name);
    if (!full.startsWith(STORAGE + path.sep)) return null;
    return full;
  }
}

class LooseStore {
  resolve(name: string): string {
    return path.join(STORAGE, name);
  }
}

const checked = new CheckedStore();
const loose = new LooseStore();
const app = express();

app.get("/files/:name", (req, res) => {
  const full = checked.resolve(req.params.name);
  if (!full) return res.status(400).end();
  // ok: js.path-traversal-request
  fs.createReadStream(full).pipe(res);
});

app.get("/raw/:name", (req, res) => {
  const full = loose.resolve(req.params.name);
  // ruleid: js.path-traversal-request
  fs.createReadStream(full).pipe(res);
});
