// Token helpers for invites, password resets and sessions.
const crypto = require("crypto");

function generateResetToken() {
  // ruleid: js.insecure-random-secret
  return Math.random().toString(36).substring(2) + Date.now().toString(36);
}

function generatePassword(length = 12) {
  const chars = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let out = "";
  for (let i = 0; i < length; i++) {
    // ruleid: js.insecure-random-secret
    out += chars[Math.floor(Math.random() * chars.length)];
  }
  return out;
}

const createInviteCode = () =>
  // ruleid: js.insecure-random-secret
  Math.floor(100000 + Math.random() * 900000).toString();

async function startSession(user, store) {
  // ruleid: js.insecure-random-secret
  const sessionId = Math.random().toString(16).slice(2);
  await store.set(sessionId, { userId: user.id });
  return sessionId;
}

function issueVerification(user) {
  // ruleid: js.insecure-random-secret
  user.verificationCode = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  return {
    userId: user.id,
    // ruleid: js.insecure-random-secret
    csrfToken: Math.random().toString(36).slice(2),
  };
}

function generateSecureToken() {
  // ok: js.insecure-random-secret
  return crypto.randomBytes(32).toString("base64url");
}

// ok: js.insecure-random-secret
const jitterMs = Math.floor(Math.random() * 250);

function pickColor() {
  // ok: js.insecure-random-secret
  return `hsl(${Math.floor(Math.random() * 360)}, 70%, 50%)`;
}

function shuffle(items) {
  const copy = [...items];
  // ok: js.insecure-random-secret
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

// ok: js.insecure-random-secret
const otpCode = crypto.randomInt(0, 1000000).toString().padStart(6, "0");

module.exports = { generateResetToken, generatePassword, createInviteCode, startSession, issueVerification };

// Functions named for what they return, whatever their verb.
function sessionId() {
  // ruleid: js.insecure-random-secret
  return Math.random().toString(36).substr(2, 16);
}

class ShareLinks {
  shareToken() {
    // ruleid: js.insecure-random-secret
    return Math.random().toString(36).slice(2);
  }

  nextToken() {
    // ok: js.insecure-random-secret
    return this.tokens[Math.floor(Math.random() * this.tokens.length)];
  }
}

function spin() {
  // ok: js.insecure-random-secret
  return Math.random() * 360;
}

// A secret built a character at a time.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

class SessionStore {
  constructor() {
    this.sessions = new Map();
  }

  open(userId) {
    let sessionId = "";
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (let i = 0; i < 32; i++) {
      // ruleid: js.insecure-random-secret
      sessionId += alphabet[Math.floor(Math.random() * alphabet.length)];
    }
    let colour = "#";
    for (let i = 0; i < 6; i++) {
      // ok: js.insecure-random-secret
      colour += "0123456789abcdef"[Math.floor(Math.random() * 16)];
    }
    this.sessions.set(sessionId, { userId, colour });
    return sessionId;
  }
}

const INVITE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

function randomChar() {
  // ruleid: js.insecure-random-secret
  return INVITE_ALPHABET.charAt(Math.floor(Math.random() * INVITE_ALPHABET.length));
}

function inviteCode() {
  return Array.from({ length: 12 }, randomChar).join("");
}

function randomHex(len) {
  // ruleid: js.insecure-random-secret
  return Array.from({ length: len }, () => Math.floor(Math.random() * 16).toString(16)).join("");
}

function createApiKey(userId) {
  const apiKey = "sk_" + randomHex(40);
  return { userId, apiKey };
}

function randomHue() {
  // ok: js.insecure-random-secret
  return Math.floor(Math.random() * 360);
}

function avatarColor(name) {
  const color = `hsl(${randomHue()}, 60%, 50%)`;
  return { name, color };
}

class ApiKeyGenerator {
  generate() {
    const parts = [];
    for (let i = 0; i < 4; i++) {
      // ruleid: js.insecure-random-secret
      parts.push(Math.random().toString(16).slice(2, 10));
    }
    return "sk_" + parts.join("");
  }
}

class BackoffPolicy {
  next() {
    // ok: js.insecure-random-secret
    return 100 + Math.random() * 50;
  }
}

module.exports.helpers = { inviteCode, createApiKey, avatarColor, ApiKeyGenerator, BackoffPolicy };

// A session store's ids drawn from Math.random; the same store's expiry jitter is no secret.
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

class SessionStore {
  constructor() {
    this.sessions = new Map();
  }

  newId(len = 32) {
    let id = '';
    for (let i = 0; i < len; i++) {
      // ruleid: js.insecure-random-secret
      id += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
    }
    return id;
  }

  touch(id) {
    // ok: js.insecure-random-secret
    const jitter = Math.floor(Math.random() * 1000);
    this.sessions.set(id, Date.now() + 60000 + jitter);
  }
}

// A function named for the code it makes (an invitation or reset code accepted as proof).
function inviteCode(length = 12) {
  let out = '';
  for (let i = 0; i < length; i++) {
    // ruleid: js.insecure-random-secret
    out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  }
  return out;
}

// ruleid: js.insecure-random-secret
const resetCodes = () => String(Math.floor(Math.random() * 1e6)).padStart(6, '0');

// A colour or a promo banner's variant is no secret.
function themeCode() {
  // ok: js.insecure-random-secret
  return ['a', 'b', 'c'][Math.floor(Math.random() * 3)];
}

function barcode(len) {
  let out = '';
  for (let i = 0; i < len; i++) {
    // ok: js.insecure-random-secret
    out += String(Math.floor(Math.random() * 10));
  }
  return out;
}
