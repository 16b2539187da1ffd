// Libraries beyond the usual three: query builders' `sql` tags, mssql's tagged queries, ldapts
// filter objects, isomorphic-dompurify, temporary files named by a UUID drawn a line before.
import Fastify from "fastify";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import { sql as ksql } from "kysely";
import mssql from "mssql";
import { AndFilter, Client, EqualityFilter } from "ldapts";
import DOMPurify from "isomorphic-dompurify";
import { marked } from "marked";
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { db as kysely } from "./kysely-db";

const db = drizzle(process.env.DATABASE_URL ?? "");
const app = Fastify();

app.get<{ Querystring: { status: string } }>("/reports", async (request) => {
  const status = request.query.status;
  // ok: js.sql-injection-query
  const result = await db.execute(sql`SELECT id FROM reports WHERE status = ${status}`);
  return result.rows;
});

app.get<{ Querystring: { sort: string } }>("/reports/sorted", async (request) => {
  const column = request.query.sort;
  // ruleid: js.sql-injection-query
  const result = await db.execute(sql.raw(`SELECT id FROM reports ORDER BY ${column}`));
  return result.rows;
});

app.get<{ Params: { name: string } }>("/people/:name", async (request) => {
  const name = request.params.name;
  // ok: js.sql-injection-query
  const people = await ksql`select id from person where first_name = ${name}`.execute(kysely);
  return people.rows;
});

app.get<{ Params: { sku: string } }>("/stock/:sku", async (request) => {
  const pool = await mssql.connect(process.env.MSSQL_URL ?? "");
  const sku = request.params.sku;
  // ok: js.sql-injection-query
  const tagged = await pool.request().query`SELECT qty FROM stock WHERE sku = ${sku}`;
  // ruleid: js.sql-injection-query
  const built = await pool.request().query(`SELECT qty FROM stock WHERE sku = '${sku}'`);
  return [tagged.recordset, built.recordset];
});

app.get<{ Params: { uid: string } }>("/directory/:uid", async (request) => {
  const client = new Client({ url: process.env.LDAP_URL ?? "ldaps://ldap.internal:636" });
  const uid = request.params.uid;
  // ok: js.ldap-injection
  const found = await client.search("ou=people,dc=example,dc=com", {
    filter: new AndFilter({
      filters: [
        new EqualityFilter({ attribute: "objectClass", value: "person" }),
        new EqualityFilter({ attribute: "uid", value: uid }),
      ],
    }),
  });
  // ruleid: js.ldap-injection
  const loose = await client.search("ou=people,dc=example,dc=com", { filter: `(uid=${uid})` });
  return [found.searchEntries, loose.searchEntries];
});

async function previewHtml(source: string): Promise<string> {
  return DOMPurify.sanitize(await marked.parse(source));
}

app.post<{ Body: { markdown: string } }>("/preview", async (request, reply) => {
  const clean = await previewHtml(request.body.markdown);
  // ok: js.xss-response
  reply.type("text/html").send(`<article>${clean}</article>`);
});

app.post<{ Body: { markdown: string } }>("/preview/raw", async (request, reply) => {
  const rendered = await marked.parse(request.body.markdown);
  // ruleid: js.xss-response
  reply.type("text/html").send(`<article>${rendered}</article>`);
});

export async function stageUpload(image: Buffer): Promise<string> {
  const id = randomUUID();
  const staged = path.join(os.tmpdir(), `${id}.upload`);
  // ok: js.insecure-temp-path
  await writeFile(staged, image);
  return staged;
}

export async function stageReport(csv: string): Promise<string> {
  const staged = path.join(os.tmpdir(), `report-${process.pid}.csv`);
  // ruleid: js.insecure-temp-path
  await writeFile(staged, csv);
  return staged;
}
