// File management endpoints and archive import.
const express = require("express");
const fs = require("fs");
const fsp = require("fs/promises");
const path = require("path");
const AdmZip = require("adm-zip");
const unzipper = require("unzipper");
const tar = require("tar");

const router = express.Router();
const UPLOADS = path.join(__dirname, "uploads");

router.get("/files/:name", (req, res) => {
  // ruleid: js.path-traversal-request
  res.sendFile(path.join(UPLOADS, req.params.name));
});

router.get("/download", (req, res) => {
  // ruleid: js.path-traversal-request
  res.download(`${UPLOADS}/${req.query.file}`);
});

router.delete("/files/:name", async (req, res) => {
  // ruleid: js.path-traversal-request
  await fsp.unlink(path.resolve(UPLOADS, req.params.name));
  res.sendStatus(204);
});

router.get("/raw", (req, res) => {
  // ruleid: js.path-traversal-request
  fs.readFile(UPLOADS + "/" + req.query.name, (err, data) => res.send(data));
});

router.get("/files-safe/:name", (req, res) => {
  // ok: js.path-traversal-request
  res.sendFile(req.params.name, { root: UPLOADS, dotfiles: "deny" });
});

router.get("/files-anywhere/:name", (req, res) => {
  // ruleid: js.path-traversal-request
  res.sendFile(req.params.name, { root: "/" });
});

router.get("/files-public/:name", (req, res) => {
  // ok: js.path-traversal-request
  res.sendFile(req.params.name, { root: "/srv/public" });
});

router.get("/avatar/:name", (req, res) => {
  // ok: js.path-traversal-request
  fs.createReadStream(path.join(UPLOADS, "avatars", path.basename(req.params.name))).pipe(res);
});

// ok: js.path-traversal-request
const manifest = fs.readFileSync(path.join(__dirname, "manifest.json"), "utf8");

router.post("/import", (req, res) => {
  const zip = new AdmZip(req.file.buffer);
  const out = path.join(UPLOADS, "import");
  for (const entry of zip.getEntries()) {
    if (entry.isDirectory) {
      // ruleid: js.archive-path-traversal
      fs.mkdirSync(path.join(out, entry.entryName), { recursive: true });
      continue;
    }
    // ruleid: js.archive-path-traversal
    fs.writeFileSync(path.join(out, entry.entryName), entry.getData());
  }
  res.sendStatus(201);
});

function extractStream(stream, dest) {
  return stream.pipe(unzipper.Parse()).on("entry", (entry) => {
    // ruleid: js.archive-path-traversal
    entry.pipe(fs.createWriteStream(entry.path));
  });
}

function extractChecked(zip, dest) {
  const root = path.resolve(dest);
  for (const entry of zip.getEntries()) {
    const target = path.resolve(root, entry.entryName);
    if (!target.startsWith(root + path.sep)) throw new Error(`blocked entry ${entry.entryName}`);
    // ok: js.archive-path-traversal
    fs.writeFileSync(target, entry.getData());
  }
}

// ruleid: js.archive-path-traversal
const restore = (file) => tar.x({ file, cwd: "/srv/restore", preservePaths: true });

// ok: js.archive-path-traversal
const restoreSafe = (file) => tar.x({ file, cwd: "/srv/restore", strict: true });

// ok: js.archive-path-traversal
fs.writeFileSync(path.join(UPLOADS, "index.json"), JSON.stringify({ name: router.name }));

function makeExecutable(script) {
  // ruleid: js.world-writable-chmod
  fs.chmodSync(script, 0o777);
}

async function shareDir(dir) {
  // ruleid: js.world-writable-chmod
  await fsp.chmod(dir, "777");
  // ok: js.world-writable-chmod
  await fsp.chmod(path.join(dir, "run.sh"), 0o755);
}

// ruleid: js.world-writable-chmod
fs.chmod(path.join(UPLOADS, "shared.log"), 0666, () => {});

// ok: js.world-writable-chmod
fs.chmodSync(path.join(UPLOADS, "key.pem"), 0o600);

// ok: js.world-writable-chmod
fs.mkdirSync(path.join(UPLOADS, "tmp"), { recursive: true, mode: 0o777 });

module.exports = { router, extractStream, extractChecked, restore, restoreSafe, makeExecutable, shareDir };

const SHARE_OPTIONS = { root: UPLOADS, dotfiles: "deny" };
router.get("/shared/:name", (req, res) => {
  // ok: js.path-traversal-request
  res.sendFile(req.params.name, SHARE_OPTIONS);
});

const LOOSE_OPTIONS = { dotfiles: "allow" };
router.get("/loose/:name", (req, res) => {
  // ruleid: js.path-traversal-request
  res.sendFile(req.params.name, LOOSE_OPTIONS);
});

const attachmentRoutes = [
  {
    method: "GET",
    path: "/attachments",
    handler: (request, h) => {
      const file = path.resolve("/data/attachments", request.query.doc);
      // ruleid: js.path-traversal-request
      return h.file(file, { confine: false });
    },
  },
  {
    method: "GET",
    path: "/previews",
    handler: (request, h) => {
      // ok: js.path-traversal-request
      return h.file(request.query.doc);
    },
  },
];

const fse = require("fs-extra");
const WORKSPACES = path.join(__dirname, "workspaces");

router.post("/workspaces/:id/clone", async (req, res) => {
  const source = path.join(WORKSPACES, req.params.id);
  // ruleid: js.path-traversal-request
  await fse.copy(source, path.join(WORKSPACES, req.body.newName));
  // ok: js.path-traversal-request
  await fse.copy(path.join(WORKSPACES, "template"), path.join(WORKSPACES, "scratch"));
  res.sendStatus(201);
});
