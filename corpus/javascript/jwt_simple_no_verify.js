// jwt-simple's third argument turns the signature check off; a renamed PBKDF2 import keeps its
// iteration count.
const jwtSimple = require("jwt-simple");
const { pbkdf2Sync: derive } = require("crypto");

const SESSION_SECRET = process.env.SESSION_SECRET;

function readSession(token) {
  // ruleid: js.jwt-simple-no-verify
  return jwtSimple.decode(token, SESSION_SECRET, true);
}

function readSessionVerified(token) {
  // ok: js.jwt-simple-no-verify
  return jwtSimple.decode(token, SESSION_SECRET, false, "HS256");
}

function readSessionDefault(token) {
  // ok: js.jwt-simple-no-verify
  return jwtSimple.decode(token, SESSION_SECRET);
}

function hashPassword(password, salt) {
  // ruleid: js.pbkdf2-low-iterations
  return derive(password, salt, 1000, 32, "sha256");
}

function hashPasswordSlowly(password, salt) {
  // ok: js.pbkdf2-low-iterations
  return derive(password, salt, 600000, 32, "sha256");
}

// The module imported under its own name, the flag from a constant.
import jwt from "jwt-simple";

const SKIP_CHECK = 1;

export function claimsOf(req) {
  // ruleid: js.jwt-simple-no-verify
  const claims = jwt.decode(req.cookies.session, SESSION_SECRET, SKIP_CHECK);
  return claims.sub;
}
