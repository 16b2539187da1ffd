// JWT helpers used by the API routes.
const jwt = require("jsonwebtoken");
const { Strategy, ExtractJwt } = require("passport-jwt");

const SECRET = process.env.JWT_SECRET;

function requireAuth(req, res, next) {
  const token = (req.headers.authorization || "").replace(/^Bearer /, "");
  try {
    // ruleid: js.jwt-none-algorithm
    req.user = jwt.verify(token, SECRET, { algorithms: ["HS256", "none"] });
    next();
  } catch (e) {
    res.status(401).json({ error: "invalid token" });
  }
}

function lenientAuth(req, res, next) {
  const token = req.cookies.token;
  // ruleid: js.jwt-ignore-expiration
  req.user = jwt.verify(token, SECRET, { algorithms: ["HS256"], ignoreExpiration: true });
  next();
}

function quickAuth(req, res, next) {
  const token = req.headers["x-access-token"];
  // ruleid: js.jwt-decode-as-auth
  req.user = jwt.decode(token);
  if (!req.user) return res.sendStatus(401);
  next();
}

function adminOnly(req, res, next) {
  const token = req.headers["x-access-token"];
  // ruleid: js.jwt-decode-as-auth
  if (jwt.decode(token)) {
    return next();
  }
  res.sendStatus(403);
}

function strictAuth(req, res, next) {
  const token = (req.headers.authorization || "").replace(/^Bearer /, "");
  // ok: js.jwt-none-algorithm, js.jwt-ignore-expiration, js.jwt-decode-as-auth
  req.user = jwt.verify(token, SECRET, { algorithms: ["HS256"], clockTolerance: 30 });
  next();
}

function keyIdOf(token) {
  // ok: js.jwt-decode-as-auth
  const header = jwt.decode(token, { complete: true })?.header;
  return header && header.kid;
}

function issueGuestToken() {
  // ruleid: js.jwt-none-algorithm
  return jwt.sign({ role: "guest" }, null, { algorithm: "none" });
}

function issueToken(user) {
  // ok: js.jwt-none-algorithm
  return jwt.sign({ sub: user.id }, SECRET, { algorithm: "HS256", expiresIn: "15m" });
}

const strategy = new Strategy(
  {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    secretOrKey: SECRET,
    // ruleid: js.jwt-ignore-expiration
    ignoreExpiration: true,
  },
  (payload, done) => done(null, payload)
);

// ok: js.jwt-ignore-expiration
const verifyOptions = { ignoreExpiration: false, algorithms: ["RS256"] };

// ok: js.jwt-none-algorithm
const supported = { algorithms: ["RS256", "ES256"] };

module.exports = { requireAuth, lenientAuth, quickAuth, adminOnly, strictAuth, keyIdOf, issueGuestToken, issueToken, strategy };

// Inline route handlers: the handler itself is the function that trusts the claims.
const express = require("express");
const router = express.Router();

router.get("/admin/stats", (req, res) => {
  const token = (req.headers.authorization || "").replace(/^Bearer /, "");
  // ruleid: js.jwt-decode-as-auth
  const claims = jwt.decode(token);
  if (!claims || claims.role !== "admin") return res.status(403).end();
  res.json({ users: 42 });
});

router.get("/me/expiry", (req, res) => {
  const token = (req.headers.authorization || "").replace(/^Bearer /, "");
  // ok: js.jwt-decode-as-auth
  const claims = jwt.decode(token);
  res.json({ expiresAt: claims && claims.exp });
});
