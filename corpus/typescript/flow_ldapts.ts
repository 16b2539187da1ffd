// ldapts and Elasticsearch both have a client with `search`; only the directory takes filters.
import { Client as ElasticClient } from "@elastic/elasticsearch";
import express from "express";
import { Client } from "ldapts";

const app = express();
app.use(express.json());

app.post("/login", async (req, res) => {
  const client = new Client({ url: process.env.LDAP_URL ?? "ldaps://ad.corp.local" });
  const filter = `(&(objectClass=person)(sAMAccountName=${req.body.user}))`;
  // ruleid: js.ldap-injection
  const { searchEntries } = await client.search("dc=corp,dc=local", { filter });
  res.json({ found: searchEntries.length });
});

app.get("/articles", async (req, res) => {
  const es = new ElasticClient({ node: process.env.ELASTIC_URL ?? "http://localhost:9200" });
  // ok: js.ldap-injection
  const result = await es.search({ index: "articles", query: { match: { title: String(req.query.q) } } });
  res.json(result.hits.hits);
});
