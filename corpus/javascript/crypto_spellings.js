// Weak costs, digests, generators and token reads behind constants and aliases; digests cut to a
// length for file names, and placeholders that ask for a value, are left alone.
const crypto = require("crypto");
const express = require("express");
const bcrypt = require("bcrypt");
// ruleid: js.weak-hash-package
const hashMd5 = require("md5");
const escapeRegExp = require("lodash/escapeRegExp");
const { v1: uuidv1, v4: uuidv4 } = require("uuid");
const { jwtDecode: readToken } = require("jwt-decode");

const SALT_ROUNDS = 4;
const STRONG_ROUNDS = 12;
const authConfig = { saltRounds: 5, sessionHours: 8 };

// ok: js.secret-env-fallback
const smtpPassword = process.env.SMTP_PASSWORD || "changeme";
// ruleid: js.secret-env-fallback
const sessionSecret = process.env.SESSION_SECRET || "keyboard-cat-7731";

async function storeMember(member) {
  // ruleid: js.bcrypt-low-rounds
  member.hash = await bcrypt.hash(member.password, SALT_ROUNDS);
  // ok: js.bcrypt-low-rounds
  member.hash2 = await bcrypt.hash(member.password, STRONG_ROUNDS);
  // ruleid: js.bcrypt-low-rounds
  member.hash3 = await bcrypt.hash(member.password, authConfig.saltRounds);
  return member;
}

function signPayload(secret, body) {
  // ruleid: js.weak-hash
  return hashMd5(secret + "." + body);
}

function fileLabel(body) {
  // ok: js.weak-hash
  return hashMd5(body);
}

function fingerprintName(content, len) {
  // ok: js.weak-hash
  return crypto.createHash("md5").update(content).digest("hex").slice(0, len);
}

function mintApiKey() {
  // ruleid: js.insecure-random-secret
  return "ak_" + uuidv1().replace(/-/g, "");
}

function issueInvite(email) {
  // ruleid: js.insecure-random-secret
  const inviteToken = uuidv1();
  return { email, inviteToken };
}

function traceId() {
  // ok: js.insecure-random-secret
  return uuidv1();
}

function mintApiKeyStrong() {
  // ok: js.insecure-random-secret
  return "ak_" + uuidv4().replace(/-/g, "");
}

const app = express();

app.use((req, res, next) => {
  const auth = req.get("authorization") || "";
  let claims;
  try {
    // ruleid: js.jwt-decode-as-auth
    claims = readToken(auth.slice(7));
  } catch {
    return res.status(401).end();
  }
  req.user = { id: claims.sub };
  next();
});

app.get("/contacts", (req, res) => {
  // ok: js.regexp-from-request
  const matcher = new RegExp(escapeRegExp(String(req.query.q)), "i");
  res.json({ matcher: matcher.source, smtpPassword: Boolean(smtpPassword), sessionSecret: Boolean(sessionSecret) });
});

module.exports = { storeMember, signPayload, fileLabel, fingerprintName, mintApiKey, issueInvite, traceId, mintApiKeyStrong };
