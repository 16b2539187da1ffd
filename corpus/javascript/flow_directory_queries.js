// XPath over an XML user store and ldapjs searches, with values from the request.
const express = require("express");
const xpath = require("xpath");
const { DOMParser } = require("@xmldom/xmldom");
const ldap = require("ldapjs");
const escape = require("ldap-escape");
const fs = require("fs");

const app = express();
app.use(express.json());
const accounts = new DOMParser().parseFromString(fs.readFileSync("accounts.xml", "utf8"), "text/xml");
const directory = ldap.createClient({ url: "ldaps://ldap.example.org" });

app.get("/accounts/lookup", (req, res) => {
  const login = req.query.login;
  // ruleid: js.xpath-injection
  const hits = xpath.select(`//account[login='${login}']/email/text()`, accounts);
  res.json(hits.map(String));
});

app.get("/accounts/lookup-var", (req, res) => {
  // ok: js.xpath-injection
  const hits = xpath.parse("//account[login=$login]/email/text()").select({ node: accounts, variables: { login: req.query.login } });
  res.json(hits.map(String));
});

app.get("/accounts/active", (req, res) => {
  // ok: js.xpath-injection
  const hits = xpath.select1("count(//account[@active='yes'])", accounts);
  res.json({ hits, asked: req.query.login });
});

app.post("/people/find", (req, res) => {
  const who = req.body.who;
  // ruleid: js.ldap-injection
  directory.search("ou=people,dc=example,dc=org", { filter: `(cn=${who})`, scope: "sub" }, (err, r) => r.on("end", () => res.end()));
});

app.post("/people/find-escaped", (req, res) => {
  const who = req.body.who;
  // ok: js.ldap-injection
  directory.search("ou=people,dc=example,dc=org", { filter: escape.filter`(cn=${who})`, scope: "sub" }, (err, r) => r.on("end", () => res.end()));
});

app.post("/people/find-object", (req, res) => {
  const filter = new ldap.EqualityFilter({ attribute: "cn", value: req.body.who });
  // ok: js.ldap-injection
  directory.search("ou=people,dc=example,dc=org", { filter, scope: "sub" }, (err, r) => r.on("end", () => res.end()));
});

app.get("/people/:uid", (req, res) => {
  // ruleid: js.ldap-injection
  directory.search(`uid=${req.params.uid},ou=people,dc=example,dc=org`, { scope: "base" }, (err, r) => r.on("end", () => res.end()));
});

function showSection() {
  const section = decodeURIComponent(location.hash.slice(1));
  // ruleid: js.xpath-injection
  const node = document.evaluate(`//section[@id='${section}']`, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null);
  return node.singleNodeValue;
}

// A helper handed the client and the search options: the caller's filter reaches the search.
function searchOne(client, base, options) {
  return new Promise((resolve, reject) => {
    // ruleid: js.ldap-injection
    client.search(base, options, (err, found) => (err ? reject(err) : resolve(found)));
  });
}

app.post("/people/first", async (req, res) => {
  const filter = `(&(objectClass=person)(uid=${req.body.uid}))`;
  res.json(await searchOne(directory, "ou=people,dc=example,dc=org", { scope: "sub", filter }));
});

app.post("/people/first-escaped", async (req, res) => {
  const filter = `(&(objectClass=person)(uid=${escape.filter`${req.body.uid}`}))`;
  res.json(await searchOne(directory, "ou=people,dc=example,dc=org", { scope: "sub", filter }));
});

// A search index's client takes its query first and no `filter` option second.
function searchIndex(client, params) {
  // ok: js.ldap-injection
  return client.search(params);
}

app.post("/docs/search", async (req, res) => {
  res.json(await searchIndex(directory, { index: "docs", q: req.body.q }));
});
