const express = require("express");
const ldap = require("ldapjs");
const { escapeFilterValue, escapeHtml, escapeFilterSpaces } = require("./lib/escape");

const router = express.Router();
const client = ldap.createClient({ url: process.env.LDAP_URL });

router.get("/people", (req, res) => {
  const name = escapeFilterValue(req.query.name);
  // ok: js.ldap-injection
  client.search("ou=people,dc=example,dc=com", { filter: `(cn=*${name}*)` }, (err, found) => found.on("end", () => res.end()));
});

router.get("/people/loose", (req, res) => {
  const name = escapeFilterSpaces(req.query.name);
  // ruleid: js.ldap-injection
  client.search("ou=people,dc=example,dc=com", { filter: `(cn=*${name}*)` }, (err, found) => found.on("end", () => res.end()));
});

router.get("/hello", (req, res) => {
  // ok: js.xss-response
  res.send(`<p>Hello ${escapeHtml(req.query.name)}</p>`);
});

router.get("/hello/raw", (req, res) => {
  // ruleid: js.xss-response
  res.send(`<p>Hello ${escapeFilterSpaces(req.query.name)}</p>`);
});

module.exports = router;
