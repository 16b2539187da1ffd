import { exec, execSync, spawn, execFile } from "node:child_process";
import * as childProcess from "node:child_process";
import { promisify } from "node:util";
import { execa } from "execa";

const execPromise = promisify(exec);

export async function gitLog(branch: string, limit: number): Promise<string> {
  // ruleid: js.exec-command-interpolation
  const { stdout } = await execPromise(`git log --oneline -n ${limit} ${branch}`);
  return stdout;
}

export function checkout(ref: string): void {
  // ruleid: js.exec-command-interpolation
  childProcess.execSync("git checkout " + ref, { stdio: "inherit" });
}

export function currentBranch(): string {
  // ok: js.exec-command-interpolation, js.exec-command-variable
  return execSync("git rev-parse --abbrev-ref HEAD").toString().trim();
}

export function runScript(script: { cmd: string }): Buffer {
  // ruleid: js.exec-command-variable
  return execSync(script.cmd);
}

export function runConfigured(cmd?: string): Buffer {
  // ok: js.exec-command-interpolation
  return execSync(cmd || "npm test");
}

export function safeLog(branch: string): void {
  // ok: js.exec-command-interpolation, js.exec-command-variable
  execFile("git", ["log", "--oneline", "--", branch], (err, out) => console.log(out));
}

export function openInEditor(file: string): void {
  // ruleid: js.spawn-shell-true
  spawn(process.env.EDITOR ?? "vi", [file], { shell: true, stdio: "inherit" });
}

export async function format(paths: string[]): Promise<void> {
  // ruleid: js.spawn-shell-true
  await execa("prettier", ["--write", paths.join(" ")], { shell: true });
}

export async function formatSafe(paths: string[]): Promise<void> {
  // ok: js.spawn-shell-true
  await execa("prettier", ["--write", ...paths]);
}

// ok: js.spawn-shell-true
spawn("docker", ["compose", "up", "-d"], { shell: "/bin/bash" });
