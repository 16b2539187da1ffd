// Micro, Koa with zx, cross-spawn: frameworks and process libraries beyond Express and
// child_process, as their documentation writes them.
const { json, send } = require("micro");
const spawn = require("cross-spawn");
const template = require("lodash/template");
const { $ } = require("zx");
const crypto = require("crypto");

module.exports.preview = async (req, res) => {
  const { layout } = await json(req);
  // ruleid: js.template-injection
  const compiled = template(layout);
  return send(res, 200, compiled({ invoice: {} }));
};

module.exports.ping = async (req, res) => {
  const { host } = await json(req);
  // ruleid: js.exec-command-interpolation
  const shell = spawn.sync("sh", ["-c", `ping -c 3 ${host}`], { encoding: "utf8" });
  // ok: js.exec-command-interpolation
  const direct = spawn.sync("ping", ["-c", "3", String(host)], { encoding: "utf8" });
  return send(res, 200, { shell: shell.stdout, direct: direct.stdout });
};

module.exports.backup = async (req, res) => {
  const { label } = await json(req);
  const script = `tar -czf /backups/${label}.tar.gz -C /srv/app data`;
  // ruleid: js.exec-command-interpolation
  await $`sh -c ${script}`;
  // ok: js.exec-command-interpolation
  await $`tar -czf /backups/${label}.tar.gz -C /srv/app data`;
  return send(res, 201, { label });
};

function generateInviteToken() {
  // ruleid: js.insecure-random-secret
  const body = Array.from({ length: 4 }, () => Math.random().toString(36).slice(2, 10)).join("");
  return `inv_${body}`;
}

function generateResetToken() {
  // ok: js.insecure-random-secret
  const body = crypto.randomBytes(24).toString("base64url");
  return `rst_${body}`;
}

function shuffleDeck(cards) {
  // ok: js.insecure-random-secret
  const order = cards.map((card) => ({ card, at: Math.random() }));
  return order.sort((a, b) => a.at - b.at).map((o) => o.card);
}

class KeyService {
  createApiKey() {
    // ruleid: js.insecure-random-secret
    const digits = Math.random().toString(16).slice(2);
    return `sk_${digits}`;
  }
}

module.exports.helpers = { generateInviteToken, generateResetToken, shuffleDeck, KeyService };
