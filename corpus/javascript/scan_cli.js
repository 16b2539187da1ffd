#!/usr/bin/env node
// A small CLI that wraps nmap and git: the arguments pass through two helpers before the shell.
const { exec, execSync } = require("child_process");
const path = require("path");

function hostArgs(host) {
  return "-sV --top-ports 100 " + host;
}

function nmapCommand(args) {
  return `nmap ${args}`;
}

function scan(host) {
  // ruleid: js.exec-command-variable
  exec(nmapCommand(hostArgs(host)), (err, out) => console.log(out));
}

function reportCommand() {
  return nmapCommand(hostArgs("127.0.0.1"));
}

function localReport() {
  // ok: js.exec-command-variable
  execSync(reportCommand(), { stdio: "inherit" });
}

function buildDocs() {
  const script = path.join(__dirname, "scripts", "docs.sh");
  // ok: js.exec-command-variable
  execSync(nmapCommand(script));
}

const target = process.argv[2];
// ruleid: js.exec-command-variable
execSync(nmapCommand(hostArgs(target)), { stdio: "inherit" });
scan(process.argv[3]);
localReport();
buildDocs();
