// Small ops dashboard: thin wrappers around shell tools.
const express = require("express");
const { exec, execSync, execFile, spawn } = require("child_process");
const cp = require("node:child_process");
const util = require("util");
const shell = require("shelljs");

const execAsync = util.promisify(exec);
const shellAsync = util.promisify(require("node:child_process").exec);
const router = express.Router();

router.get("/ping", (req, res) => {
  // ruleid: js.exec-command-interpolation
  exec(`ping -c 1 ${req.query.host}`, (err, stdout) => {
    if (err) return res.status(500).send(err.message);
    res.type("text/plain").send(stdout);
  });
});

router.get("/disk", (req, res) => {
  const dir = req.query.dir || "/var/log";
  // ruleid: js.exec-command-interpolation
  const out = execSync("du -sh " + dir).toString();
  res.send(out);
});

router.post("/archive", async (req, res) => {
  const { name } = req.body;
  // ruleid: js.exec-command-interpolation
  const { stdout } = await execAsync(`tar czf /backups/${name}.tgz /srv/data`);
  res.json({ ok: true, stdout });
});

router.get("/whois", async (req, res) => {
  const domain = req.query.domain;
  // ruleid: js.exec-command-interpolation
  const { stdout } = await shellAsync("whois " + domain);
  res.type("text/plain").send(stdout);
});

router.get("/uptime", async (req, res) => {
  // ok: js.exec-command-interpolation
  const { stdout } = await shellAsync("uptime");
  res.type("text/plain").send(stdout);
});

router.post("/restart", (req, res) => {
  // ruleid: js.exec-command-interpolation
  cp.exec("systemctl restart " + req.body.service, () => res.sendStatus(204));
});

router.get("/grep", (req, res) => {
  // ruleid: js.exec-command-interpolation
  const hits = require("child_process").execSync(`grep -rn "${req.query.q}" ./docs`);
  res.send(hits);
});

router.get("/uptime", (req, res) => {
  // ok: js.exec-command-interpolation, js.exec-command-variable
  exec("uptime", (err, stdout) => res.send(stdout));
});

router.get("/ping-safe", (req, res) => {
  // ok: js.exec-command-interpolation, js.exec-command-variable
  execFile("ping", ["-c", "1", String(req.query.host)], (err, stdout) => res.send(stdout));
});

// ok: js.exec-command-interpolation, js.exec-command-variable
const version = execSync(`git --version`).toString().trim();

function findMatches(text, pattern) {
  const re = new RegExp("^v\\d+");
  // ok: js.exec-command-interpolation, js.exec-command-variable
  return re.exec(`${text}`);
}

function runBuild(target) {
  const cmd = "npm run build -- --target " + target;
  // ruleid: js.exec-command-variable
  return execSync(cmd, { stdio: "inherit" });
}

function runTask(task) {
  // ruleid: js.exec-command-variable
  shell.exec(task.command, { silent: true });
}

async function runHook(hooks, name) {
  // ruleid: js.exec-command-variable
  await execAsync(hooks[name]);
}

// ok: js.exec-command-variable
const listing = shell.exec("ls -la", { silent: true }).stdout;

router.post("/convert", (req, res) => {
  const size = req.body.size;
  // ruleid: js.spawn-shell-true
  // ruleid: js.argument-injection
  const child = spawn("convert", [req.file.path, "-resize", size, "/tmp/out.png"], { shell: true });
  child.on("close", (code) => res.json({ code }));
});

router.post("/lint", (req, res) => {
  // ruleid: js.spawn-shell-true
  const p = cp.spawnSync(`eslint ${req.body.path}`, { shell: true, encoding: "utf8" });
  res.send(p.stdout);
});

router.post("/convert-safe", (req, res) => {
  // ok: js.spawn-shell-true
  // ruleid: js.argument-injection
  const child = spawn("convert", [req.file.path, "-resize", req.body.size, "/tmp/out.png"]);
  child.on("close", (code) => res.json({ code }));
});

// ok: js.spawn-shell-true
spawn("npm", ["run", "dev"], { shell: true, stdio: "inherit" });

// ok: js.spawn-shell-true
execFile(process.execPath, ["scripts/migrate.js"], { shell: false });

// cross-spawn takes spawn's options: with `shell` its arguments are one command line.
const crossSpawn = require("cross-spawn");

router.get("/blame", (req, res) => {
  const args = ["blame", "--", req.query.file];
  // ruleid: js.spawn-shell-true
  const child = crossSpawn("git", args, { cwd: "/srv/repo", shell: true });
  child.stdout.pipe(res);
});

router.get("/log", (req, res) => {
  // ok: js.spawn-shell-true
  const child = crossSpawn("git", ["log", "-n", "20"], { cwd: "/srv/repo", shell: true });
  child.stdout.pipe(res);
});

// A comment after the parenthesis is not an argument: the command is still the first one.
function convertUpload(job) {
  // ruleid: js.exec-command-interpolation
  exec( // transcode in the background
    `ffmpeg -i /srv/in/${job.input} /srv/out/${job.id}.mp4`,
    () => {},
  );
  // ok: js.exec-command-interpolation
  exec( /* fixed */ "ffmpeg -version", () => {});
}

module.exports = router;
