// A Next.js-style route handler and a worker in TypeScript: request data and model answers that reach
// a console message or a `vm` script, next to twins that encode the value or use constants.
import OpenAI from "openai";
import { runInNewContext as run } from "node:vm";
import { appendFile } from "fs/promises";

const openai = new OpenAI();
const DEFAULT_FILTER = "item.price < 100";

function note(kind: string, detail: string): void {
  // ruleid: js.log-injection
  console.warn(`[${kind}] ${detail}`);
}

export async function POST(request: Request): Promise<Response> {
  const body = await request.json();
  const first: string = body.comment;
  const second = first.trim();
  const third = second.slice(0, 200);
  // ruleid: js.log-injection
  console.error("comment rejected: " + third);
  note("comment", third);
  // ok: js.log-injection
  note("comment", encodeURIComponent(third));
  return new Response(null, { status: 204 });
}

export async function filterWithModel(task: string, item: { price: number }): Promise<boolean> {
  const reply = await openai.chat.completions.create({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: task }],
  });
  const condition = reply.choices[0].message.content ?? "false";
  // ruleid: js.vm-dynamic-code
  return Boolean(run(condition, { item }));
}

export function filterDefault(item: { price: number }): boolean {
  const condition = DEFAULT_FILTER;
  // ok: js.vm-dynamic-code
  return Boolean(run(condition, { item }));
}

export function logDefault(): void {
  const detail = DEFAULT_FILTER;
  // ok: js.log-injection
  console.info(`filter in use: ${detail}`);
}

const AUDIT_LOG = "/var/log/app/audit.log";

export async function PUT(request: Request): Promise<Response> {
  const body = await request.json();
  // ruleid: js.log-injection
  await appendFile(AUDIT_LOG, `${new Date().toISOString()} rename by ${body.user}\n`);
  // ok: js.log-injection
  await appendFile(AUDIT_LOG, `${new Date().toISOString()} rename by ${JSON.stringify(body.user)}\n`);
  return new Response(null, { status: 204 });
}
