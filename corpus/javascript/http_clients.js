// Integrations with internal services that use a self-signed certificate.
const https = require("https");
const tls = require("tls");
const axios = require("axios");
const nodemailer = require("nodemailer");
const { spawn } = require("child_process");
const fs = require("fs");

// ruleid: js.tls-reject-unauthorized
const insecureAgent = new https.Agent({ rejectUnauthorized: false });

async function fetchInventory() {
  const res = await axios.get("https://inventory.internal/api/items", {
    // ruleid: js.tls-reject-unauthorized
    httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
  });
  return res.data;
}

const mailer = nodemailer.createTransport({
  host: "smtp.internal",
  port: 587,
  // ok: js.insecure-cookie-flags
  secure: false,
  // ruleid: js.tls-reject-unauthorized
  tls: { "rejectUnauthorized": false },
});

function legacyRequest(options) {
  // ruleid: js.tls-reject-unauthorized
  options.strictSSL = false;
  return require("request")(options);
}

// ok: js.tls-reject-unauthorized
const pinnedAgent = new https.Agent({ ca: fs.readFileSync("certs/internal-ca.pem"), rejectUnauthorized: true });

// ok: js.tls-reject-unauthorized
const devAgent = new https.Agent({ rejectUnauthorized: process.env.NODE_ENV === "production" });

function connectLogs(host) {
  // ruleid: js.check-server-identity-noop
  return tls.connect(6514, host, { ca: fs.readFileSync("ca.pem"), checkServerIdentity: () => undefined });
}

function connectMetrics(host) {
  return tls.connect({
    host,
    port: 8443,
    // ruleid: js.check-server-identity-noop
    checkServerIdentity: function (hostname, cert) {},
  });
}

function connectPinned(host, fingerprint) {
  return tls.connect({
    host,
    port: 8443,
    // ok: js.check-server-identity-noop
    checkServerIdentity: (hostname, cert) => {
      const err = tls.checkServerIdentity(hostname, cert);
      if (err) return err;
      if (cert.fingerprint256 !== fingerprint) return new Error("certificate pin mismatch");
      return undefined;
    },
  });
}

// ok: js.check-server-identity-noop
const verifyHost = (hostname, cert) => tls.checkServerIdentity(hostname, cert);

// ruleid: js.tls-reject-env
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";

function runScraper(url) {
  return spawn("node", ["scraper.js", url], {
    // ruleid: js.tls-reject-env
    env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: "0" },
  });
}

// ok: js.tls-reject-env
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "1";

// ok: js.tls-reject-env
const tlsChecksOff = process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0";

module.exports = { insecureAgent, fetchInventory, mailer, legacyRequest, connectLogs, connectMetrics, connectPinned, runScraper };

async function reportsClient(password, q, resetToken) {
  // ruleid: js.basic-auth-over-http
  const daily = await axios.get("http://reports.example.com/api/daily", { auth: { username: "admin", password } });
  // ruleid: js.basic-auth-over-http
  const feed = await fetch("http://feeds.example.com/items", { headers: { Authorization: `Bearer ${password}` } });
  // ok: js.basic-auth-over-http
  const secure = await axios.get("https://reports.example.com/api/daily", { auth: { username: "admin", password } });
  // ok: js.basic-auth-over-http
  const local = await fetch("http://localhost:3000/items", { headers: { Authorization: `Bearer ${password}` } });
  // ruleid: js.secret-in-url-query
  const search = await fetch(`https://api.example.com/v1/search?q=${q}&apiKey=${process.env.API_KEY}`);
  // ruleid: js.secret-in-url-query
  const items = await fetch(`https://api.example.com/items?access_token=${password}`);
  // ok: js.secret-in-url-query
  const paged = await fetch(`https://api.example.com/v1/search?q=${q}&page=${2}`);
  // ok: js.secret-in-url-query
  const headers = await fetch(`https://api.example.com/v1/search?q=${q}`, { headers: { "X-Api-Key": process.env.API_KEY } });
  // ok: js.secret-in-url-query
  const resetLink = `https://app.example.com/reset-password?token=${resetToken}`;
  // ruleid: js.secret-in-url-query
  const report = await fetch(`https://api.example.com/reports?token=${process.env.REPORT_TOKEN}`);
  return { daily, feed, secure, local, search, items, paged, headers, resetLink, report };
}
