// Build helpers that quote or wrap a value in a local function before it reaches a shell: what
// the helper guarantees about its result must survive the call.
const { execSync } = require("child_process");
const shellEscape = require("shell-escape");

const TARGETS = new Set(["web", "worker"]);

function quoted(value) {
  return shellEscape([value]);
}

function trimmed(value) {
  return value.trim();
}

const imageTag = (target) => `registry.example.com/app-${target}:latest`;

function pushImage(target) {
  // ok: js.exec-command-interpolation
  execSync(`docker push ${quoted(target)}`);
}

function pushImageTrimmed(target) {
  // ruleid: js.exec-command-interpolation
  execSync(`docker push ${trimmed(target)}`);
}

function pullWorker() {
  // ok: js.exec-command-interpolation
  execSync(`docker pull ${imageTag("worker")}`);
}

function pullChecked(target) {
  if (!TARGETS.has(target)) throw new Error(`unknown target ${target}`);
  // ok: js.exec-command-interpolation
  execSync(`docker pull ${imageTag(target)}`);
}

function pullAny(target) {
  // ruleid: js.exec-command-interpolation
  execSync(`docker pull ${imageTag(target)}`);
}

module.exports = { pushImage, pushImageTrimmed, pullWorker, pullChecked, pullAny };
