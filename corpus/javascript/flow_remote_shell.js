// ssh2 runs `exec`'s command line through the remote user's shell.
const express = require("express");
const { Client } = require("ssh2");

const app = express();

app.get("/status", (req, res) => {
  const conn = new Client();
  conn.on("ready", () => {
    // ruleid: js.exec-command-interpolation
    conn.exec(`systemctl status ${req.query.service} --no-pager`, (err, stream) => stream.pipe(res));
  });
  conn.connect({ host: "ops.internal", username: "ops" });
});

app.get("/uptime", (req, res) => {
  const conn = new Client();
  conn.on("ready", () => {
    // ok: js.exec-command-interpolation
    conn.exec(`uptime ${"--pretty"}`, (err, stream) => stream.pipe(res));
  });
  conn.connect({ host: "ops.internal", username: "ops" });
});

module.exports = app;
