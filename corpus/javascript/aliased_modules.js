// Build helpers that load child_process under other names.
const cp = require('child_process');
const { exec: runShell, execSync } = require('node:child_process');
const spawnSync = require('child_process').spawnSync;
const vmModule = require('vm');
const { exec: queryExec } = require('./db');
const { exec } = require('./sandbox');

function archive(dir) {
  // ruleid: js.exec-command-interpolation
  cp.exec(`tar czf backup.tgz ${dir}`);
}

function archiveFixed() {
  // ok: js.exec-command-interpolation
  cp.exec('tar czf backup.tgz ./data');
}

function listing(dir) {
  // ruleid: js.exec-command-interpolation
  return runShell('ls -la ' + dir);
}

function branchName(ref) {
  // ruleid: js.exec-command-interpolation
  return execSync(`git rev-parse --abbrev-ref ${ref}`).toString();
}

function findUser(id) {
  // A database helper named exec is not a shell.
  // ok: js.exec-command-interpolation
  return queryExec(`SELECT name FROM users WHERE id = ${Number(id)}`);
}

function runInSandbox(code) {
  // ok: js.exec-command-variable
  return exec(code);
}

function runHook(hookCommand) {
  // ruleid: js.exec-command-variable
  return runShell(hookCommand);
}

function listFiles(dir) {
  // ok: js.exec-command-variable
  return spawnSync('ls', ['-la', dir]);
}

function evaluate(expression, context) {
  // ruleid: js.vm-dynamic-code
  return vmModule.runInNewContext(expression, context);
}

function evaluateConstant(context) {
  // ok: js.vm-dynamic-code
  return vmModule.runInNewContext('1 + 1', context);
}
