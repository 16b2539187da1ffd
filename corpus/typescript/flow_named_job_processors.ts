// BullMQ processors written as named functions typed with `Job` (the annotation's colon is not
// part of the type), a constructor that keeps a path built from its argument, and an Express
// application's own `req.app.locals`.
import { Worker, Job } from "bullmq";
import type { Request, Response } from "express";
import { execaCommand } from "execa";
import mysql from "mysql2/promise";
import path from "node:path";
import { rm } from "node:fs/promises";

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });
const ROOT = "/srv/media";

interface PurgeJob {
  tenantId: string;
  days: number;
}

async function purgeTenantEvents(job: Job<PurgeJob>): Promise<number> {
  // ruleid: js.sql-string-built
  const sql = "DELETE FROM events WHERE tenant_id = '" + job.data.tenantId + "'";
  // ruleid: js.sql-injection-query
  const [result] = await pool.query(sql);
  return (result as mysql.ResultSetHeader).affectedRows;
}

async function purgeByDays(job: Job<PurgeJob>): Promise<void> {
  // ok: js.sql-injection-query
  await pool.query("DELETE FROM events WHERE tenant_id = ? AND age > ?", [job.data.tenantId, job.data.days]);
}

async function cleanupReports(job: Job): Promise<void> {
  const dir = path.join(ROOT, "reports", job.data.folder);
  // ruleid: js.path-traversal-request
  await rm(dir, { recursive: true, force: true });
}

async function cleanupCache(job: Job): Promise<void> {
  const dir = path.join(ROOT, "cache", String(Number.parseInt(job.data.page, 10)));
  // ok: js.path-traversal-request
  await rm(dir, { recursive: true, force: true });
}

class Transcoder {
  private readonly input: string;

  constructor(source: string) {
    this.input = path.join(ROOT, source);
  }

  run(): Promise<unknown> {
    // ruleid: js.exec-command-variable
    return execaCommand(`ffmpeg -i ${this.input} -f mp4 out.mp4`, { shell: true });
  }
}

class Thumbnailer {
  private readonly input: string;

  constructor(_source: string) {
    this.input = path.join(ROOT, "placeholder.png");
  }

  run(): Promise<unknown> {
    // ok: js.exec-command-variable
    return execaCommand(`convert ${this.input} -resize 64x64 thumb.png`, { shell: true });
  }
}

async function transcode(job: Job<{ sourceFile: string }>): Promise<void> {
  await new Transcoder(job.data.sourceFile).run();
  await new Thumbnailer(job.data.sourceFile).run();
}

export function reportsDir(req: Request, res: Response): void {
  const reports: string = req.app.locals.reportsDir;
  // ok: js.path-traversal-request
  rm(path.join(reports, "stale"), { recursive: true }).then(() => res.sendStatus(204));
}

new Worker("purge", purgeTenantEvents, { connection: { host: "redis" } });
new Worker("purge-days", purgeByDays, { connection: { host: "redis" } });
new Worker("cleanup", cleanupReports, { connection: { host: "redis" } });
new Worker("cache", cleanupCache, { connection: { host: "redis" } });
new Worker("transcode", transcode, { connection: { host: "redis" } });
