// MD5 named for what it is in a build step: a content hash that changes an asset's file name
// when its bytes change is no security control; the same digest of a password is one.
const crypto = require("crypto");

function cacheBustingHash(buffer) {
  // ok: js.weak-hash
  return crypto.createHash("md5").update(buffer).digest("hex").slice(0, 10);
}

function contentFingerprint(buf) {
  // ok: js.weak-hash
  return crypto.createHash("md5").update(buf).digest("base64url");
}

function assetHash(buf) {
  // ok: js.weak-hash
  return crypto.createHash("sha1").update(buf).digest("hex");
}

function passwordFingerprint(password) {
  // ruleid: js.weak-hash
  return crypto.createHash("md5").update(password).digest("hex");
}

module.exports = { cacheBustingHash, contentFingerprint, assetHash, passwordFingerprint };

// An HTTP entity tag is a cache validator: a collision costs a revalidation.
function entityTag(body) {
  // ok: js.weak-hash
  const hash = crypto.createHash("sha1").update(body, "utf8").digest("base64");
  return `"${body.length.toString(16)}-${hash}"`;
}
