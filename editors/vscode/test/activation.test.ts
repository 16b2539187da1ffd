// Activates the real extension module against a stand-in for the `vscode` API (the VS Code test
// electron cannot be downloaded here), to check what a user sees when the binary is missing or
// `slopguard.path` is wrong, and that the commands are registered.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chooseOnNextError, installVscodeStub, seen, settings, settle } from './vscode-stub';

type ExtensionModule = typeof import('../src/extension');
let extension: ExtensionModule;
const subscriptions: { dispose(): unknown }[] = [];
const emptyDir = mkdtempSync(path.join(tmpdir(), 'slopguard-nobin-'));
const savedEnv = { PATH: process.env.PATH, CARGO_HOME: process.env.CARGO_HOME };

let uninstallStub: () => void = () => undefined;

describe('activation without a slopguard binary', () => {
  before(async () => {
    uninstallStub = installVscodeStub();
    process.env.PATH = emptyDir;
    process.env.CARGO_HOME = emptyDir;
    extension = await import('../src/extension');
  });

  after(() => {
    uninstallStub();
    process.env.PATH = savedEnv.PATH;
    if (savedEnv.CARGO_HOME === undefined) {
      delete process.env.CARGO_HOME;
    } else {
      process.env.CARGO_HOME = savedEnv.CARGO_HOME;
    }
    rmSync(emptyDir, { recursive: true, force: true });
  });

  it('shows install instructions with an Open Settings button, and registers the commands', async () => {
    chooseOnNextError('Open Settings');
    await extension.activate({ subscriptions } as never);
    await settle();
    assert.equal(seen.errors.length, 1);
    const shown = seen.errors[0];
    assert.ok(shown);
    assert.match(shown.message, /could not find the `slopguard` language server/);
    assert.match(shown.message, /cargo install --locked --path server/);
    assert.deepEqual(shown.items, ['Open Settings', 'Show Output']);
    assert.deepEqual(seen.executed, [['workbench.action.openSettings', 'slopguard.path']]);
    assert.ok(seen.log.some((line) => line.startsWith('error slopguard: could not find')));
    assert.ok(seen.log.some((line) => line.includes(path.join(emptyDir, 'slopguard'))));
    assert.deepEqual([...seen.commands.keys()].sort(), [
      'slopguard.restartServer',
      'slopguard.showOutput',
    ]);
  });

  it('reports a wrong slopguard.path when it changes, and on Restart server', async () => {
    settings['slopguard.path'] = path.join(emptyDir, 'not-here');
    const listener = seen.configListeners[0];
    assert.ok(listener);
    listener({ affectsConfiguration: (s) => s === 'slopguard' || s === 'slopguard.path' });
    await settle();
    await settle();
    assert.equal(seen.errors.length, 2);
    assert.match(seen.errors[1]?.message ?? '', /slopguard\.path = ".*not-here" is not an executable file/);

    await seen.commands.get('slopguard.restartServer')?.();
    await settle();
    assert.equal(seen.errors.length, 3);
  });

  it('ignores changes to other settings', async () => {
    const listener = seen.configListeners[0];
    assert.ok(listener);
    listener({ affectsConfiguration: (s) => s === 'editor' });
    await settle();
    assert.equal(seen.errors.length, 3);
  });

  it('opens the output channel from the Show output command', () => {
    seen.commands.get('slopguard.showOutput')?.();
    assert.equal(seen.log.at(-1), 'show');
  });

  it('deactivates cleanly', async () => {
    await extension.deactivate();
  });
});
