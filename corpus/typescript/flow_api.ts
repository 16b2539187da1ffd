// A Next.js-style API and a Fastify route, typed.
import { exec } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { NextApiRequest, NextApiResponse } from "next";

const REPORTS = path.join(__dirname, "reports");
const KNOWN_FEEDS = ["status", "changelog"];

export async function preview(req: NextApiRequest, res: NextApiResponse) {
  const url = req.query.url as string;
  // ruleid: js.ssrf
  const upstream = await fetch(url);
  res.status(200).send(await upstream.text());
}

export async function feed(req: NextApiRequest, res: NextApiResponse) {
  const name = req.query.name as string;
  if (!KNOWN_FEEDS.includes(name)) {
    return res.status(404).end();
  }
  // ok: js.ssrf
  const upstream = await fetch("https://feeds.example.com/" + name);
  res.status(200).send(await upstream.text());
}

export async function relay(request: Request) {
  const body = await request.json();
  const target: string = body.target;
  // ruleid: js.ssrf
  return fetch(target!, { method: "POST" });
}

export async function relayFixed(request: Request) {
  const body = await request.json();
  // ok: js.ssrf
  return fetch("https://hooks.example.com/relay", { method: "POST", body: JSON.stringify(body) });
}

export function report(req: NextApiRequest, res: NextApiResponse) {
  const file = String(req.query.file);
  // ruleid: js.path-traversal-request
  const data = fs.readFileSync(path.join(REPORTS, file));
  res.send(data);
}

export function reportSafe(req: NextApiRequest, res: NextApiResponse) {
  const file = path.basename(String(req.query.file));
  // ok: js.path-traversal-request
  const data = fs.readFileSync(path.join(REPORTS, file));
  res.send(data);
}

export async function lookup(req: NextApiRequest, res: NextApiResponse) {
  const email = req.body.email as string;
  // ruleid: js.sql-injection-query
  const rows = await pool.query(`SELECT id FROM users WHERE email = '${email}'`);
  res.json(rows);
}

export async function lookupById(req: NextApiRequest, res: NextApiResponse) {
  const id = parseInt(req.query.id as string, 10);
  // ok: js.sql-injection-query
  const rows = await pool.query(`SELECT id FROM users WHERE id = ${id}`);
  res.json(rows);
}

export function archive(req: NextApiRequest, res: NextApiResponse) {
  const dir = req.query.dir as string;
  // ruleid: js.exec-command-interpolation
  exec(`tar czf /tmp/out.tgz ${dir}`, () => res.end());
}

export function archiveReports(res: NextApiResponse) {
  // ok: js.exec-command-interpolation
  exec(`tar czf /tmp/out.tgz ${REPORTS}`, () => res.end());
}
