// Callbacks read the variables of the function around them as they are where they are written.
const { exec } = require("child_process");
const express = require("express");

const app = express();

function currentRevision() {
  const cmd = "git rev-parse --short HEAD";
  // ok: js.exec-command-variable
  return new Promise((resolve) => exec(cmd, (err, out) => resolve(out.trim())));
}

function diskUsage(dirs) {
  const command = "du -sh /srv/data";
  // ok: js.exec-command-variable
  return dirs.map(() => exec(command));
}

app.get("/grep", (req, res) => {
  const cmd = "grep -rn " + req.query.term + " /srv/docs";
  new Promise((resolve) => {
    // ruleid: js.exec-command-variable
    exec(cmd, (err, out) => resolve(out));
  }).then((out) => res.send(out));
});

module.exports = { currentRevision, diskUsage };
