// Values from a request given to tools that parse options: git, tar, ssh, curl.
const express = require("express");
const { execFile, spawn } = require("child_process");
const { promisify } = require("util");

const app = express();
const run = promisify(execFile);
const MIRROR = "/srv/git/site.git";
const STATUS_BASE = "https://status.example.com/components/";

app.get("/log", async (req, res) => {
  const rev = req.query.rev || "main";
  // ruleid: js.argument-injection
  const { stdout } = await run("git", ["--git-dir", MIRROR, "log", "--oneline", rev]);
  res.type("text/plain").send(stdout);
});

app.get("/log/safe", async (req, res) => {
  const rev = req.query.rev || "main";
  // ok: js.argument-injection
  const { stdout } = await run("git", ["--git-dir", MIRROR, "log", "--oneline", "--", rev]);
  res.type("text/plain").send(stdout);
});

app.post("/backup", (req, res) => {
  const { files = [] } = req.body;
  const args = ["-czf", "/srv/backups/latest.tgz", "-C", "/srv/data", ...files];
  // ruleid: js.argument-injection
  const tar = spawn("tar", args);
  tar.on("close", (code) => res.json({ code }));
});

app.post("/backup/safe", (req, res) => {
  const { files = [] } = req.body;
  const args = ["-czf", "/srv/backups/latest.tgz", "-C", "/srv/data", "--", ...files];
  // ok: js.argument-injection
  const tar = spawn("tar", args);
  tar.on("close", (code) => res.json({ code }));
});

app.get("/branch", (req, res) => {
  // ok: js.argument-injection
  execFile("git", ["--git-dir", MIRROR, "log", `refs/heads/${req.query.name}`], (err, out) => res.send(out));
});

app.get("/status", (req, res) => {
  const url = STATUS_BASE + encodeURIComponent(req.query.component);
  // ok: js.argument-injection
  execFile("curl", ["-sS", "--max-time", "5", url], (err, out) => res.send(out));
});

// The helper wraps the callback API in a promise: the call runs inside the executor.
function cloneRepository(repoUrl, dest) {
  return new Promise((resolve, reject) => {
    // ruleid: js.argument-injection
    execFile("git", ["clone", "--depth", "1", repoUrl, dest], (err) => (err ? reject(err) : resolve(dest)));
  });
}

function cloneRepositorySafely(repoUrl, dest) {
  return new Promise((resolve, reject) => {
    // ok: js.argument-injection
    execFile("git", ["clone", "--depth", "1", "--", repoUrl, dest], (err) => (err ? reject(err) : resolve(dest)));
  });
}

app.post("/mirrors", async (req, res) => {
  const { repository } = req.body;
  await cloneRepository(repository, "/srv/mirrors/new");
  await cloneRepositorySafely(repository, "/srv/mirrors/safe");
  res.sendStatus(202);
});

function main() {
  // ok: js.argument-injection
  spawn("tar", ["-xzf", process.argv[2], "-C", process.cwd()]);
}

module.exports = { app, main };
