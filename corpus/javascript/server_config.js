// An Express API as an assistant wires it up: database, sessions, JWT auth, crypto helpers.
const express = require("express");
const session = require("express-session");
const cookieSession = require("cookie-session");
const cookieParser = require("cookie-parser");
const helmet = require("helmet");
const jwt = require("jsonwebtoken");
const crypto = require("crypto");
const bcrypt = require("bcrypt");
const CryptoJS = require("crypto-js");
const mysql = require("mysql2");
const https = require("https");
const tls = require("tls");
const forge = require("node-forge");
const { Strategy: JwtStrategy, ExtractJwt } = require("passport-jwt");
const { expressjwt } = require("express-jwt");

// ruleid: js.hardcoded-password
const DB_PASSWORD = "admin123";
// ruleid: js.hardcoded-password
let adminPassword = "letmein";
// ruleid: js.hardcoded-password
const ADMIN_PASS = "changeme123";
// ok: js.hardcoded-password
const SMTP_PASS = process.env.SMTP_PASS;
// ok: js.hardcoded-password
const DB_PASSWORD_VAR = "DB_PASSWORD";
// ok: js.hardcoded-password
const password = process.env.DB_PASSWORD;
// ok: js.hardcoded-password
let resetToken = "";
// ok: js.hardcoded-password
const passwordField = "password";

const db = mysql.createConnection({
  host: "localhost",
  user: "root",
  // ruleid: js.hardcoded-password
  password: "root123",
  database: "shop",
});

const labels = {
  // ok: js.hardcoded-password
  password: "Password",
  // ok: js.hardcoded-password
  confirmPassword: "confirm_password",
  // ok: js.hardcoded-password
  newPassword: "new-password",
  // ok: js.hardcoded-password
  token: "••••••",
};

const mailer = {
  auth: {
    user: "noreply@example.com",
    // ruleid: js.hardcoded-password
    pass: "x", password: "mailpass1",
  },
};

function configure(settings) {
  // ruleid: js.hardcoded-password
  settings.apiKey = "abc123";
  // ok: js.hardcoded-password
  settings.apiKey = process.env.API_KEY;
}

const app = express();

// ruleid: js.session-secret-hardcoded
app.use(session({ secret: "keyboard cat", resave: false, saveUninitialized: false }));
// ok: js.session-secret-hardcoded
app.use(session({ secret: process.env.SESSION_SECRET, resave: false, saveUninitialized: false }));
// ruleid: js.session-secret-hardcoded
app.use(cookieSession({ name: "sess", keys: ["key1", "key2"] }));
// ruleid: js.session-secret-hardcoded
app.use(cookieParser("cookie-secret"));
// ok: js.session-secret-hardcoded
app.use(cookieParser(process.env.COOKIE_SECRET));

// ruleid: js.secret-env-fallback
const JWT_SECRET = process.env.JWT_SECRET || "supersecret";
// ruleid: js.secret-env-fallback
const STRIPE_KEY = process.env["STRIPE_API_KEY"] ?? "sk_dev_key";
// ruleid: js.secret-env-fallback
const { SESSION_SECRET = "dev-session" } = process.env;
// ok: js.secret-env-fallback
const PORT = process.env.PORT || "3000";
// ok: js.secret-env-fallback
const TOKEN_TTL = process.env.TOKEN_TTL || "3600";
// ok: js.secret-env-fallback
const API_KEY = process.env.API_KEY || "";

function issueToken(user) {
  // ruleid: js.hardcoded-jwt-secret
  return jwt.sign({ sub: user.id, role: user.role }, "secret", { expiresIn: "1h" });
}

function readToken(token) {
  // ruleid: js.hardcoded-jwt-secret
  return jwt.verify(token, "my-jwt-secret");
}

function readTokenSafe(token) {
  // ok: js.hardcoded-jwt-secret
  return jwt.verify(token, JWT_SECRET, { algorithms: ["HS256"] });
}

const strategy = new JwtStrategy(
  {
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
    // ruleid: js.hardcoded-jwt-secret
    secretOrKey: "jwt-secret",
  },
  (payload, done) => done(null, payload),
);

// ruleid: js.hardcoded-jwt-secret
app.use(expressjwt({ secret: "shhhhh", algorithms: ["HS256"] }));
// ok: js.hardcoded-jwt-secret
app.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ["HS256"] }));

// ruleid: js.helmet-protection-disabled
app.use(helmet({ contentSecurityPolicy: false }));
// ruleid: js.helmet-protection-disabled
app.use(helmet({ frameguard: false, hsts: { maxAge: 31536000 } }));
// ok: js.helmet-protection-disabled
app.use(helmet({ crossOriginEmbedderPolicy: false }));
// ok: js.helmet-protection-disabled
app.use(helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'"] } } }));

function legacyHash(password) {
  // ruleid: js.cryptojs-weak-hash
  return CryptoJS.MD5(password).toString();
}

function fileFingerprint(data) {
  // ruleid: js.cryptojs-weak-hash
  return CryptoJS.SHA1(data).toString(CryptoJS.enc.Hex);
}

function fileDigestSafe(data) {
  // ok: js.cryptojs-weak-hash
  return CryptoJS.HmacSHA256(data, process.env.KEY).toString();
}

function fileDigest(data) {
  // ok: js.cryptojs-weak-hash
  return CryptoJS.SHA256(data).toString();
}

function hashPassword(password) {
  // ruleid: js.fast-password-hash
  return crypto.createHash("sha256").update(password).digest("hex");
}

function hashPasswordSalted(salt, userPassword) {
  // ruleid: js.fast-password-hash
  return crypto.createHash("sha512").update(salt + userPassword).digest("hex");
}

function hashClientPassword(pwd) {
  // ruleid: js.fast-password-hash
  return CryptoJS.SHA256(pwd).toString();
}

function checksum(body) {
  // ok: js.fast-password-hash
  return crypto.createHash("sha256").update(body).digest("hex");
}

async function hashPasswordSlow(password) {
  // ok: js.fast-password-hash
  return bcrypt.hash(password, 12);
}

function makeKeys() {
  // ruleid: js.rsa-short-key
  const weak = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 });
  // ok: js.rsa-short-key
  const strong = crypto.generateKeyPairSync("rsa", { modulusLength: 4096 });
  // ruleid: js.rsa-short-key
  const forgeKeys = forge.pki.rsa.generateKeyPair({ bits: 512, e: 0x10001 });
  // ok: js.rsa-short-key
  const forgeStrong = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  return { weak, strong, forgeKeys, forgeStrong };
}

function deriveKey(password, salt) {
  // ruleid: js.pbkdf2-low-iterations
  return crypto.pbkdf2Sync(password, salt, 1000, 64, "sha512");
}

function deriveKeyCjs(password, salt) {
  // ruleid: js.pbkdf2-low-iterations
  return CryptoJS.PBKDF2(password, salt, { keySize: 8, iterations: 5000 });
}

const LEGACY_ITERATIONS = 1000;
const ITERATIONS = 600_000;

function deriveLegacyKey(password, salt) {
  // ruleid: js.pbkdf2-low-iterations
  return crypto.pbkdf2Sync(password, salt, LEGACY_ITERATIONS, 32, "sha256");
}

function deriveCurrentKey(password, salt) {
  // ok: js.pbkdf2-low-iterations
  return crypto.pbkdf2Sync(password, salt, ITERATIONS, 32, "sha256");
}

function deriveKeyStrong(password, salt) {
  // ok: js.pbkdf2-low-iterations
  return crypto.pbkdf2Sync(password, salt, 600000, 64, "sha512");
}

function deriveKeyCjsStrong(password, salt) {
  // ok: js.pbkdf2-low-iterations
  return CryptoJS.PBKDF2(password, salt, { keySize: 8, iterations: 310000 });
}

async function storeUser(user) {
  // ruleid: js.bcrypt-low-rounds
  user.hash = await bcrypt.hash(user.password, 5);
  // ruleid: js.bcrypt-low-rounds
  const salt = bcrypt.genSaltSync(4);
  // ok: js.bcrypt-low-rounds
  user.hash2 = await bcrypt.hash(user.password, 12);
  // ok: js.bcrypt-low-rounds
  const salt2 = await bcrypt.genSalt(12);
  return { salt, salt2 };
}

function encryptRecord(data, iv) {
  // ruleid: js.hardcoded-crypto-key
  const cipher = crypto.createCipheriv("aes-256-cbc", "12345678901234567890123456789012", iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function decryptRecord(data, iv) {
  // ruleid: js.hardcoded-crypto-key
  const decipher = crypto.createDecipheriv("aes-256-gcm", Buffer.from("my-very-secret-key-for-aes-256!!"), iv);
  return decipher.update(data);
}

function encryptClient(text) {
  // ruleid: js.hardcoded-crypto-key
  return CryptoJS.AES.encrypt(text, "secret passphrase").toString();
}

function encryptRecordEnv(data, iv) {
  // ok: js.hardcoded-crypto-key
  const cipher = crypto.createCipheriv("aes-256-gcm", Buffer.from(process.env.DATA_KEY, "base64"), iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

const RECORD_KEY = Buffer.from("8f3a9c2e7b1d4f6a0e5c8b2d9f1a3e7c", "utf8");
const ARCHIVE_KEY = Buffer.from(process.env.ARCHIVE_KEY || "", "base64");

function encryptWithModuleKey(data, iv) {
  // ruleid: js.hardcoded-crypto-key
  const cipher = crypto.createCipheriv("aes-256-cbc", RECORD_KEY, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function encryptWithEnvKey(data, iv) {
  // ok: js.hardcoded-crypto-key
  const cipher = crypto.createCipheriv("aes-256-gcm", ARCHIVE_KEY, iv);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

function encryptClientEnv(text, key) {
  // ok: js.hardcoded-crypto-key
  return CryptoJS.AES.encrypt(text, key).toString();
}

// ruleid: js.tls-weak-version
const legacyAgent = new https.Agent({ minVersion: "TLSv1" });
// ruleid: js.tls-weak-version
const oldSocket = tls.connect({ host: "legacy.example.com", port: 443, secureProtocol: "TLSv1_method" });
// ok: js.tls-weak-version
const agent = new https.Agent({ minVersion: "TLSv1.2" });
// ok: js.tls-weak-version
const server = https.createServer({ minVersion: "TLSv1.3" }, app);

module.exports = { app, db, mailer, strategy, legacyAgent, oldSocket, agent, server };

// The signing key kept in a module constant, and one read from the environment.
const SESSION_SIGNING_KEY = 'orders-signing-key-2024';
const ENV_SIGNING_KEY = process.env.SIGNING_KEY;

function issueSession(user) {
  // ruleid: js.hardcoded-jwt-secret
  return jwt.sign({ sub: user.id }, SESSION_SIGNING_KEY, { expiresIn: '1h' });
}

function issueSessionFromEnv(user) {
  // ok: js.hardcoded-jwt-secret
  return jwt.sign({ sub: user.id }, ENV_SIGNING_KEY, { expiresIn: '1h' });
}

// Mail transports: nodemailer's `auth.pass` is the account's password.
const nodemailer = require("nodemailer");

const alerts = nodemailer.createTransport({
  host: "smtp.example.com",
  // ruleid: any.generic-secret-assignment
  auth: { user: "alerts@example.com", pass: "qwhd8Kz!mPp2xLr7" },
});

const digest = nodemailer.createTransport({
  host: "smtp.example.com",
  // ruleid: js.hardcoded-password
  auth: { user: "digest@example.com", pass: "hunter2" },
});

const relay = nodemailer.createTransport({
  host: "smtp.example.com",
  // ok: any.generic-secret-assignment, js.hardcoded-password
  auth: { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS },
});

// ruleid: js.weak-hash-package
const md5 = require("md5");

function storeUser(body) {
  return {
    // ruleid: js.fast-password-hash
    passwordHash: md5(body.password),
    // ok: js.fast-password-hash
    avatarKey: md5(body.email.trim().toLowerCase()),
  };
}

function checkLogin(user, pass) {
  // ruleid: js.fast-password-hash
  return user.hash === md5(pass);
}

function passThrough(step, passes) {
  // ok: js.fast-password-hash
  return md5(step + passes);
}

// An enum of token kinds names them; it holds no credential.
const CredentialType = {
  // ok: js.hardcoded-password
  ACCESS_TOKEN: "AccessToken",
  // ok: js.hardcoded-password
  REFRESH_TOKEN: "RefreshToken",
};
const CacheOutcome = {
  // ok: js.hardcoded-password
  REFRESH_TOKEN: "2",
};
const deployDefaults = {
  // ruleid: js.hardcoded-password
  adminToken: "Hunter42",
};
