// Node's crypto functions imported under names of the file's own choosing: the call is the same
// function whatever it is called here.
import { createHash as digestOf, createCipheriv as encipher, randomBytes } from "node:crypto";
import * as nodeCrypto from "crypto";

const TOKEN_HASH = "sha1";
const STRONG_HASH = "sha256";

export function fingerprintToken(token) {
  // ruleid: js.weak-hash
  return digestOf(TOKEN_HASH).update(token).digest("hex");
}

export function fingerprintTokenStrong(token) {
  // ok: js.weak-hash
  return digestOf(STRONG_HASH).update(token).digest("hex");
}

export function hashPassword(password) {
  // ruleid: js.weak-hash
  return nodeCrypto.createHash("md5").update(password).digest("hex");
}

export function sealLegacy(key, plain) {
  // ruleid: js.weak-cipher
  const cipher = encipher("des-ede3-cbc", key, randomBytes(8));
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

export function seal(key, plain) {
  const iv = randomBytes(12);
  // ok: js.weak-cipher
  const cipher = encipher("aes-256-gcm", key, iv);
  return Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

// A function that makes ETags for static assets: MD5 names a version of a file for caches.
export function assetEntries(files) {
  return files.map(({ name, body }) => {
    // ok: js.weak-hash
    const etag = '"' + digestOf("md5").update(body).digest("hex") + '"';
    return { name, body, etag };
  });
}

// S3's Content-MD5 header is MD5 by its protocol's definition.
export function contentMd5(body) {
  // ok: js.weak-hash
  return digestOf("md5").update(body).digest("base64");
}
