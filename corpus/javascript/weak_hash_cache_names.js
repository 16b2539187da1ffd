// MD5 / SHA-1 naming a cache entry or a Git object is no security control; the same digest
// signing or checking a password is.
const crypto = require("crypto");
const path = require("path");

class DiskCache {
  constructor(dir) {
    this.dir = dir;
  }

  fileFor(key) {
    // ok: js.weak-hash
    const digest = crypto.createHash("md5").update(key).digest("hex");
    return path.join(this.dir, digest.slice(0, 2), digest);
  }
}

function objectId(kind, content) {
  const header = `${kind} ${content.length}\0`;
  // ok: js.weak-hash
  return crypto.createHash("sha1").update(header).update(content).digest("hex");
}

class SessionStore {
  sign(sessionId, secret) {
    // ruleid: js.weak-hash
    return crypto.createHash("md5").update(sessionId + secret).digest("hex");
  }
}

function checkPassword(stored, password) {
  // ruleid: js.weak-hash
  return crypto.createHash("sha1").update(password).digest("hex") === stored;
}

module.exports = { DiskCache, objectId, SessionStore, checkPassword };
