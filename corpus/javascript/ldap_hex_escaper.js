// A filter escaper that computes RFC 4515's hexadecimal escapes instead of writing them out.
const ldap = require("ldapjs");
const restify = require("restify");

const client = ldap.createClient({ url: process.env.LDAP_URL });

function escapeFilterValue(value) {
  return String(value).replace(/[\\*()\0]/g, (ch) => "\\" + ch.charCodeAt(0).toString(16).padStart(2, "0"));
}

function stripParens(value) {
  return String(value).replace(/[()]/g, "");
}

const server = restify.createServer();

server.get("/people", (req, res) => {
  const filter = `(cn=*${escapeFilterValue(req.query.name)}*)`;
  // ok: js.ldap-injection
  client.search("ou=people,dc=example,dc=com", { filter, scope: "sub" }, (err, found) => res.send(found));
});

server.get("/groups", (req, res) => {
  const filter = `(cn=${stripParens(req.query.group)})`;
  // ruleid: js.ldap-injection
  client.search("ou=groups,dc=example,dc=com", { filter, scope: "sub" }, (err, found) => res.send(found));
});

server.get("/rooms", (req, res) => {
  // ruleid: js.ldap-injection
  client.search("ou=rooms,dc=example,dc=com", { filter: `(cn=${req.query.room})` }, (err, found) => res.send(found));
});

server.get("/desks", (req, res) => {
  const filter = `(cn=${escapeFilterValue(req.query.desk)})`;
  // ok: js.ldap-injection
  client.search("ou=desks,dc=example,dc=com", { filter }, (err, found) => res.send(found));
});
