import vm from "node:vm";
import type { Request, Response } from "express";

interface Rule {
  id: string;
  condition: string;
}

export function evaluateFormula(req: Request, res: Response): void {
  const formula: string = String(req.body.formula);
  // ruleid: js.eval-dynamic
  const value: number = eval(formula) as number;
  res.json({ value });
}

// ok: js.eval-dynamic
const constant: number = eval("2 ** 10");

export function compile(rule: Rule): (order: unknown) => boolean {
  // ruleid: js.new-function-dynamic
  return new Function("order", "return (" + rule.condition + ");") as (order: unknown) => boolean;
}

// ok: js.new-function-dynamic
export const noop = new Function("return undefined;");

export function sandboxed(code: string, ctx: Record<string, unknown>): unknown {
  // ruleid: js.vm-dynamic-code
  return vm.runInThisContext(code);
}

export function precompiled(): vm.Script {
  // ok: js.vm-dynamic-code
  return new vm.Script("module.exports = 42;");
}

export function schedule(task: string, ms: number): void {
  // ruleid: js.timer-string-code
  globalThis.setTimeout(`runTask(${JSON.stringify(task)})`, ms);
}

export function scheduleOr(task: (() => void) | undefined, fallback: () => void): void {
  // ok: js.timer-string-code
  setTimeout(task || fallback, 0);
}

export function scheduleSafely(task: () => void, ms: number): NodeJS.Timeout {
  // ok: js.timer-string-code
  return setTimeout(task, ms);
}
