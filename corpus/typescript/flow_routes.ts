// Typed Express routes: request values pass through helpers, several assignments and aliased
// imports before they reach SQL text, a file, a shell or a redirect.
import { Request, Response } from "express";
import { execSync as runNow } from "node:child_process";
import { readFileSync as readText } from "node:fs";
import * as paths from "node:path";
import { Pool } from "pg";
import shellEscape from "shell-escape";

const pool = new Pool();
const REPORTS = paths.join(__dirname, "reports");
const SORTS = new Set(["price", "name"]);

function reportFile(name: string): string {
  return paths.join(REPORTS, `${name}.csv`);
}

export async function products(req: Request, res: Response): Promise<void> {
  const sort = req.query.sort as string;
  // ruleid: js.sql-injection-query
  const result = await pool.query(`SELECT * FROM products ORDER BY ${sort}`);
  res.json(result.rows);
}

export async function productsChecked(req: Request, res: Response): Promise<void> {
  const sort = req.query.sort as string;
  const column = SORTS.has(sort) ? sort : "name";
  // ok: js.sql-injection-query
  const result = await pool.query(`SELECT * FROM products ORDER BY ${column}`);
  res.json(result.rows);
}

export async function productsChain(req: Request, res: Response): Promise<void> {
  const first = req.body.category as string;
  const second = `category = '${first}'`;
  // ruleid: js.sql-string-built
  const third = "SELECT * FROM products WHERE " + second;
  // ruleid: js.sql-injection-query
  res.json((await pool.query(third)).rows);
}

export async function productsBound(req: Request, res: Response): Promise<void> {
  const first = req.body.category as string;
  const third = "SELECT * FROM products WHERE category = $1";
  // ok: js.sql-injection-query
  res.json((await pool.query(third, [first])).rows);
}

export function report(req: Request, res: Response): void {
  const file = reportFile(req.params.name);
  // ruleid: js.path-traversal-request
  res.type("text/csv").send(readText(file, "utf8"));
}

export function reportToday(req: Request, res: Response): void {
  const file = reportFile("today");
  // ok: js.path-traversal-request
  res.type("text/csv").send(readText(file, "utf8"));
}

export function disk(req: Request, res: Response): void {
  const first = req.query.dir as string;
  const second = first.trim();
  const third = `du -sh ${second}`;
  // ruleid: js.exec-command-variable
  res.send(String(runNow(third)));
}

export function diskQuoted(req: Request, res: Response): void {
  const first = shellEscape([req.query.dir as string]);
  const second = first.trim();
  const third = `du -sh ${first}`;
  // ok: js.exec-command-variable
  res.send(String(runNow(third)) + second.length);
}

export function back(req: Request, res: Response): void {
  const target = req.query.back as string;
  // ruleid: js.open-redirect
  res.redirect(target);
}

export function backHome(req: Request, res: Response): void {
  const target = "/home";
  // ok: js.open-redirect
  res.redirect(target + "?from=" + encodeURIComponent(String(req.query.back)));
}
