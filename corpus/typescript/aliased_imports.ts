// A deploy script that imports its process helpers by name.
import { exec as sh, execSync } from 'node:child_process';
import * as childProcess from 'child_process';
import { exec } from './query-builder';

export function deploy(branch: string): void {
  // ruleid: js.exec-command-interpolation
  sh(`git checkout ${branch} && npm run build`);
}

export function currentCommit(repo: string): string {
  // ruleid: js.exec-command-interpolation
  return childProcess.execSync('git -C ' + repo + ' rev-parse HEAD').toString();
}

export function status(): string {
  // ok: js.exec-command-interpolation
  return execSync('git status --short').toString();
}

export function search(term: string) {
  // ok: js.exec-command-interpolation
  return exec(`name LIKE ${JSON.stringify(term)}`);
}
