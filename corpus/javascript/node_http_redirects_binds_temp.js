// A plain Node server reading its query from `req.url` through the `url` module's URL class, an
// LDAP login binding as a DN built from the form, and a cache file named in a constructor.
const http = require("http");
const { URL } = require("url");
const ldap = require("ldapjs");
const fs = require("fs");
const os = require("os");
const path = require("path");

http.createServer((req, res) => {
  const u = new URL(req.url, "http://localhost");
  const next = u.searchParams.get("next");
  // ruleid: js.open-redirect
  res.writeHead(302, { Location: next });
  res.end();
}).listen(8080);

http.createServer((req, res) => {
  const back = new URL("/login", `http://${req.headers.host}`);
  // ok: js.open-redirect
  res.writeHead(302, { Location: "/login?from=" + encodeURIComponent(back.pathname) });
  res.end();
}).listen(8081);

const client = ldap.createClient({ url: "ldaps://ldap.example.com" });

function login(req, res) {
  const dn = "uid=" + req.body.user + ",ou=people,dc=example,dc=com";
  // ruleid: js.ldap-injection
  client.bind(dn, req.body.password, (err) => res.sendStatus(err ? 401 : 204));
}

function serviceLogin(req, res) {
  // ok: js.ldap-injection
  client.bind("cn=svc-portal,ou=services,dc=example,dc=com", process.env.LDAP_PASSWORD, (err) =>
    res.sendStatus(err ? 500 : 204));
}

class ReportCache {
  constructor() {
    this.file = path.join(os.tmpdir(), "report-cache.json");
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), "reports-"));
  }
  save(data) {
    // ruleid: js.insecure-temp-path
    fs.writeFileSync(this.file, JSON.stringify(data));
  }
  saveSafely(data) {
    // ok: js.insecure-temp-path
    fs.writeFileSync(path.join(this.dir, "data.json"), JSON.stringify(data));
  }
}

module.exports = { login, serviceLogin, ReportCache };

// A start check of `/` alone lets `//evil.example` through.
function isLocalPath(target) {
  return typeof target === "string" && target.startsWith("/");
}
function isRelativePath(target) {
  return typeof target === "string" && target.startsWith("/") && !target.startsWith("//");
}
require("http").createServer((req, res) => {
  const target = new URL(req.url, "http://links.local").searchParams.get("to") || "/";
  if (req.url.startsWith("/strict") && isRelativePath(target)) {
    // ok: js.open-redirect
    res.writeHead(302, { Location: target });
    return res.end();
  }
  if (isLocalPath(target)) {
    // ruleid: js.open-redirect
    res.writeHead(302, { Location: target });
    return res.end();
  }
  res.end();
});
