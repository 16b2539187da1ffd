import express from "express";
import ldap, { type Client } from "ldapjs";

function escapeFilter(value: string): string {
  return value.replace(/[\\*()\0]/g, (c) => "\\" + c.charCodeAt(0).toString(16).padStart(2, "0"));
}

class PeopleDirectory {
  private readonly client: Client;

  constructor(url: string, private readonly base: string) {
    this.client = ldap.createClient({ url });
  }

  byName(name: string) {
    const filter = `(&(objectClass=person)(cn=${name}*))`;
    // ruleid: js.ldap-injection
    this.client.search(this.base, { scope: "sub", filter }, () => undefined);
  }

  byMail(mail: string) {
    const filter = `(&(objectClass=person)(mail=${escapeFilter(mail)}))`;
    // ok: js.ldap-injection
    this.client.search(this.base, { scope: "sub", filter }, () => undefined);
  }
}

const people = new PeopleDirectory("ldaps://ldap.example.com", "ou=people,dc=example,dc=com");
const app = express();
app.get("/people", (req, res) => {
  people.byName(String(req.query.name ?? ""));
  people.byMail(String(req.query.mail ?? ""));
  res.sendStatus(202);
});
