// A field a zod schema declares as an enum or a number holds one of the program's constants
// or a number once parsed; a field declared as a string holds what the caller sent.
import { initTRPC } from '@trpc/server';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express from 'express';
import { z } from 'zod';

const t = initTRPC.create();
const app = express();
const REPORTS = path.resolve('reports');

const ReportQuery = z.object({
  kind: z.enum(['daily', 'weekly', 'monthly']),
  days: z.coerce.number().int().min(1).max(365),
  title: z.string().max(80),
});

export const reports = t.router({
  notes: t.procedure.input(ReportQuery).query(({ input }) =>
    // ok: js.path-traversal-request
    readFile(path.join(REPORTS, `${input.kind}-${input.days}.md`), 'utf8'),
  ),
  titled: t.procedure.input(ReportQuery).query(({ input }) =>
    // ruleid: js.path-traversal-request
    readFile(path.join(REPORTS, `${input.title}.md`), 'utf8'),
  ),
});

app.get('/reports', async (req, res) => {
  const query = ReportQuery.parse(req.query);
  // ok: js.path-traversal-request
  res.send(await readFile(path.join(REPORTS, `${query.kind}.md`), 'utf8'));
});

app.get('/reports/titled', async (req, res) => {
  const query = ReportQuery.parse(req.query);
  // ruleid: js.path-traversal-request
  res.send(await readFile(path.join(REPORTS, `${query.title}.md`), 'utf8'));
});
