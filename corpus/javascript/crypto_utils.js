// crypto helpers for the accounts service
const crypto = require("crypto");
const { createHash } = require("node:crypto");

function hashPassword(password) {
  // ruleid: js.weak-hash
  return crypto.createHash("md5").update(password).digest("hex");
}

function fingerprint(apiKey) {
  // ruleid: js.weak-hash
  return createHash('sha1').update(apiKey).digest("base64");
}

function fileId(buf) {
  // ruleid: js.weak-hash
  return crypto.createHash("RIPEMD160").update(buf).digest("hex");
}

function checksum(buf) {
  // ok: js.weak-hash
  return crypto.createHash("sha256").update(buf).digest("hex");
}

// ok: js.weak-hash
const mac = crypto.createHmac("sha256", process.env.WEBHOOK_KEY);

function digestWith(algorithm, data) {
  // ok: js.weak-hash
  return crypto.createHash(algorithm).update(data).digest();
}

// ruleid: js.secret-env-fallback
const KEY = crypto.scryptSync(process.env.APP_SECRET || "dev", "static-salt", 32);

function encryptLegacy(text) {
  // ruleid: js.create-cipher-no-iv
  const cipher = crypto.createCipher("aes-256-cbc", process.env.APP_SECRET);
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

function decryptLegacy(hex) {
  // ruleid: js.create-cipher-no-iv
  const decipher = crypto.createDecipher("aes-256-cbc", process.env.APP_SECRET);
  return decipher.update(hex, "hex", "utf8") + decipher.final("utf8");
}

function encryptEcb(text) {
  // ruleid: js.weak-cipher
  const cipher = crypto.createCipheriv("aes-256-ecb", KEY, null);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

function encryptDes(text, key8, iv8) {
  // ruleid: js.weak-cipher
  const cipher = crypto.createCipheriv("des-cbc", key8, iv8);
  return cipher.update(text, "utf8", "base64") + cipher.final("base64");
}

function encryptStaticIv(text) {
  // ruleid: js.cipher-static-iv
  const cipher = crypto.createCipheriv("aes-256-cbc", KEY, Buffer.alloc(16, 0));
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

function encryptFixedIv(text) {
  // ruleid: js.cipher-static-iv
  const cipher = crypto.createCipheriv("aes-256-ctr", KEY, "abcdefghijklmnop");
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

function encrypt(text) {
  const iv = crypto.randomBytes(12);
  // ok: js.weak-cipher, js.cipher-static-iv, js.create-cipher-no-iv
  const cipher = crypto.createCipheriv("aes-256-gcm", KEY, iv);
  const data = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
}

function decrypt(payload) {
  const raw = Buffer.from(payload, "base64");
  // ok: js.cipher-static-iv, js.weak-cipher
  const decipher = crypto.createDecipheriv("aes-256-gcm", KEY, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

function encryptWithStoredIv(text, ivHex) {
  // ok: js.cipher-static-iv
  const cipher = crypto.createCipheriv("aes-256-cbc", KEY, Buffer.from(ivHex, "hex"));
  return cipher.update(text, "utf8", "hex") + cipher.final("hex");
}

module.exports = { hashPassword, fingerprint, fileId, checksum, digestWith, encryptLegacy, decryptLegacy, encrypt, decrypt };

// ok: js.create-cipher-no-iv
const legacyCipher = require("./legacy-cipher").createCipherStream;

// The algorithm held in a name the file binds once.
const LEGACY_ALGORITHM = "des-ede3-cbc";
const MODERN_ALGORITHM = "aes-256-gcm";

function legacyEncrypt(key, iv, text) {
  // ruleid: js.weak-cipher
  const cipher = crypto.createCipheriv(LEGACY_ALGORITHM, key, iv);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

function modernEncrypt(key, iv, text) {
  // ok: js.weak-cipher
  const cipher = crypto.createCipheriv(MODERN_ALGORITHM, key, iv);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

function chosenEncrypt(algorithm, key, iv, text) {
  // ok: js.weak-cipher
  const cipher = crypto.createCipheriv(algorithm, key, iv);
  return Buffer.concat([cipher.update(text), cipher.final()]);
}

const cipherConfig = { algorithm: "aes-256-cbc", key: KEY, iv: Buffer.alloc(16, 0) };
const sessionCipher = { algorithm: "aes-256-gcm", key: KEY, iv: crypto.randomBytes(12) };

function sealProfile(text) {
  // ruleid: js.cipher-static-iv
  const c = crypto.createCipheriv(cipherConfig.algorithm, cipherConfig.key, cipherConfig.iv);
  // ok: js.cipher-static-iv
  const d = crypto.createCipheriv(sessionCipher.algorithm, sessionCipher.key, sessionCipher.iv);
  return [c.update(text), d.update(text)];
}

const CryptoJS = require("crypto-js");

function legacySeal(message, passphrase) {
  // ruleid: js.weak-cipher
  const rc4 = CryptoJS.RC4.encrypt(message, passphrase).toString();
  // ruleid: js.weak-cipher
  const ecb = CryptoJS.AES.encrypt(message, passphrase, { mode: CryptoJS.mode.ECB }).toString();
  // ok: js.weak-cipher
  const cbc = CryptoJS.AES.encrypt(message, passphrase).toString();
  return [rc4, ecb, cbc];
}

function etagFor(body) {
  // ok: js.weak-hash
  return '"' + crypto.createHash("md5").update(body).digest("hex") + '"';
}

function cacheKey(url, params) {
  // ok: js.weak-hash
  return crypto.createHash("sha1").update(url + JSON.stringify(params)).digest("base64url");
}

function encryptWithFilledIv(text) {
  const iv = Buffer.alloc(16);
  crypto.randomFillSync(iv);
  // ok: js.cipher-static-iv
  const cipher = crypto.createCipheriv("aes-256-cbc", KEY, iv);
  return Buffer.concat([iv, cipher.update(text, "utf8"), cipher.final()]).toString("base64");
}

function gravatarUrl(email) {
  // ok: js.weak-hash
  const hash = crypto.createHash("md5").update(email.trim().toLowerCase()).digest("hex");
  return `https://www.gravatar.com/avatar/${hash}?d=identicon`;
}

// A content hash cut to ten characters names a built file; it protects nothing.
function hashedName(file, buffer) {
  // ok: js.weak-hash
  const tag = crypto.createHash("md5").update(buffer).digest("hex").slice(0, 10);
  return file.replace(/\.js$/, `.${tag}.js`);
}

// The whole digest kept as a checksum.
function checksum(buffer) {
  // ruleid: js.weak-hash
  return crypto.createHash("md5").update(buffer).digest("hex");
}

// node-forge takes the IV in `start({ iv })`: no key derivation from a password here.
const forge = require("node-forge");
function forgeEncrypt(key, iv, bytes) {
  // ok: js.create-cipher-no-iv
  const cipher = forge.cipher.createCipher("AES-GCM", key);
  cipher.start({ iv });
  cipher.update(forge.util.createBuffer(bytes));
  cipher.finish();
  return cipher.output.getBytes();
}
