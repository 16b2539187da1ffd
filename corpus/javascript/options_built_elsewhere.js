// Options built in one place (a factory, a module constant) and used in another.
const express = require("express");
const yaml = require("js-yaml");
const jwt = require("jsonwebtoken");

const router = express.Router();

function pipelineParserOptions() {
  return { schema: yaml.DEFAULT_FULL_SCHEMA, json: true };
}

const SAFE_PARSER_OPTIONS = { schema: yaml.CORE_SCHEMA };

function parsePipeline(source, options) {
  // ruleid: js.yaml-unsafe-schema
  return yaml.load(source, options);
}

function parseSettings(source) {
  // ok: js.yaml-unsafe-schema
  return yaml.load(source, SAFE_PARSER_OPTIONS);
}

function authCookieOptions(overrides = {}) {
  return { path: "/", sameSite: "none", secure: false, httpOnly: false, ...overrides };
}

function strictCookieOptions() {
  return { path: "/", sameSite: "strict", secure: true, httpOnly: true };
}

function verifyOptions(config) {
  return {
    issuer: config.issuer,
    // ruleid: js.jwt-none-algorithm
    algorithms: config.algorithms || ["RS256", "none"],
  };
}

const VERIFY = verifyOptions({ issuer: "https://id.example.com" });

router.post("/pipelines", express.text(), (req, res) => {
  res.json({ pipeline: parsePipeline(req.body, pipelineParserOptions()), settings: parseSettings(req.body) });
});

router.post("/session", (req, res) => {
  // ruleid: js.insecure-cookie-flags
  res.cookie("access_token", req.body.token, authCookieOptions());
  // ok: js.insecure-cookie-flags
  res.cookie("refresh_token", req.body.refresh, strictCookieOptions());
  // ok: js.insecure-cookie-flags
  res.cookie("XSRF-TOKEN", req.csrfToken(), authCookieOptions({ secure: true }));
  res.json({ user: jwt.verify(req.body.token, process.env.JWT_PUBLIC_KEY, VERIFY) });
});

module.exports = router;

// express-session with its cookie options in a module constant.
const session = require("express-session");

const devCookie = { httpOnly: false, secure: false, maxAge: 86400000 };
const prodCookie = { httpOnly: true, secure: true, sameSite: "lax" };

// ruleid: js.insecure-cookie-flags
router.use(session({ secret: process.env.SESSION_SECRET, resave: false, cookie: devCookie }));
// ok: js.insecure-cookie-flags
router.use(session({ secret: process.env.SESSION_SECRET, resave: false, cookie: prodCookie }));
