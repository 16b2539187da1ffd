// Hash algorithms named through constants.
const crypto = require("crypto");
const { createHash } = require("node:crypto");

const LEGACY_ALGO = "md5";
const ALGO = "sha256";

function legacyDigest(body) {
  // ruleid: js.weak-hash
  return crypto.createHash(LEGACY_ALGO).update(body).digest("hex");
}

function tokenDigest(token) {
  const algorithm = "sha1";
  // ruleid: js.weak-hash
  return createHash(algorithm).update(token).digest("base64");
}

function digest(body) {
  // ok: js.weak-hash
  return crypto.createHash(ALGO).update(body).digest("hex");
}

function digestWith(body, algorithm) {
  // ok: js.weak-hash
  return createHash(algorithm).update(body).digest("hex");
}

function reassigned(body) {
  let algorithm = "md5";
  if (body.length > 1024) {
    algorithm = process.env.DIGEST;
  }
  // ok: js.weak-hash
  return createHash(algorithm).update(body).digest("hex");
}

module.exports = { legacyDigest, tokenDigest, digest, digestWith, reassigned };
