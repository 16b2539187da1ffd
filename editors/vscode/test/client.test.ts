// Starts the real vscode-languageclient from the activated extension (against the `vscode`
// stand-in) with a fake `slopguard` on PATH: a small script that speaks just enough LSP and
// records its arguments and every message it receives. This checks the wiring the editor cannot
// be downloaded to check: `slopguard lsp` is spawned with exactly that argument, the settings
// arrive as `initializationOptions`, and a settings change arrives as
// `workspace/didChangeConfiguration` with the same object.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { installVscodeStub, seen, settings, settle } from './vscode-stub';

/** The fake server: answers `initialize` and `shutdown`, logs every message as a JSON line. */
const FAKE_SERVER = `
const fs = require('node:fs');
const log = process.env.SLOPGUARD_FAKE_LOG;
fs.appendFileSync(log, JSON.stringify({ argv: process.argv.slice(2) }) + '\\n');
let buffer = Buffer.alloc(0);
function send(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write('Content-Length: ' + body.length + '\\r\\n\\r\\n');
  process.stdout.write(body);
}
process.stdin.on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf('\\r\\n\\r\\n');
    if (end < 0) return;
    const length = Number(/Content-Length: *(\\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
    if (buffer.length < end + 4 + length) return;
    const message = JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8'));
    buffer = buffer.subarray(end + 4 + length);
    fs.appendFileSync(log, JSON.stringify(message) + '\\n');
    if (message.method === 'initialize') {
      send({ id: message.id, result: { capabilities: { textDocumentSync: 2 }, serverInfo: { name: 'fake' } } });
    } else if (message.method === 'shutdown') {
      send({ id: message.id, result: null });
    } else if (message.method === 'exit') {
      process.exit(0);
    }
  }
});
`;

interface Logged {
  argv?: string[];
  method?: string;
  params?: Record<string, unknown>;
}

const dir = mkdtempSync(path.join(tmpdir(), 'slopguard-fake-'));
const logFile = path.join(dir, 'messages.jsonl');
const saved = { PATH: process.env.PATH, log: process.env.SLOPGUARD_FAKE_LOG };
let uninstallStub: () => void = () => undefined;
let extension: typeof import('../src/extension');

function logged(): Logged[] {
  if (!existsSync(logFile)) {
    return [];
  }
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Logged);
}

/** Polls the log until `predicate` holds, for at most five seconds. */
async function waitFor(predicate: (messages: Logged[]) => boolean): Promise<Logged[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const messages = logged();
    if (predicate(messages)) {
      return messages;
    }
    if (Date.now() > deadline) {
      assert.fail(`timed out; the fake server saw: ${JSON.stringify(messages)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('language client against a fake slopguard', () => {
  before(async () => {
    const binary = path.join(dir, 'slopguard');
    writeFileSync(binary, `#!${process.execPath}\n${FAKE_SERVER}`);
    chmodSync(binary, 0o755);
    process.env.PATH = dir;
    process.env.SLOPGUARD_FAKE_LOG = logFile;
    Object.assign(settings, {
      'slopguard.offline': true,
      'slopguard.severityOverrides': { 'python.yaml-load': 'error', 'js.eval': 'loud' },
      'slopguard.extraRuleDirs': ['/opt/team-rules'],
      'slopguard.registry.npmUrl': 'http://127.0.0.1:4873/',
    });
    uninstallStub = installVscodeStub();
    extension = await import('../src/extension');
  });

  after(async () => {
    await extension.deactivate();
    uninstallStub();
    process.env.PATH = saved.PATH;
    if (saved.log === undefined) {
      delete process.env.SLOPGUARD_FAKE_LOG;
    } else {
      process.env.SLOPGUARD_FAKE_LOG = saved.log;
    }
    // A fake server the client restarted may still be exiting and appending to its log while the
    // directory is removed (ENOTEMPTY): retry rather than fail the suite on that race.
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
  });

  it('spawns `slopguard lsp` and sends the settings as initializationOptions', {
    skip: process.platform === 'win32' ? 'shebang script' : false,
  }, async () => {
    await extension.activate({ subscriptions: [] } as never);
    const messages = await waitFor((m) => m.some((x) => x.method === 'initialized'));
    assert.deepEqual(messages[0]?.argv, ['lsp']);
    const initialize = messages.find((m) => m.method === 'initialize');
    assert.deepEqual(initialize?.params?.initializationOptions, {
      enable: true,
      onlyChangedLines: true,
      offline: true,
      severityOverrides: { 'python.yaml-load': 'error' },
      extraRuleDirs: ['/opt/team-rules'],
      registry: { npmUrl: 'http://127.0.0.1:4873' },
    });
    assert.deepEqual(seen.errors, []);
    assert.ok(seen.log.some((line) => line.includes('js.eval')), 'the bad override is logged');
  });

  it('pushes changed settings with workspace/didChangeConfiguration', {
    skip: process.platform === 'win32' ? 'shebang script' : false,
  }, async () => {
    settings['slopguard.onlyChangedLines'] = false;
    const listener = seen.configListeners[0];
    assert.ok(listener);
    listener({ affectsConfiguration: (s) => s === 'slopguard' || s === 'slopguard.onlyChangedLines' });
    await settle();
    const messages = await waitFor((m) =>
      m.some((x) => x.method === 'workspace/didChangeConfiguration'),
    );
    const change = messages.filter((m) => m.method === 'workspace/didChangeConfiguration');
    assert.equal(change.length, 1);
    assert.deepEqual(change[0]?.params, {
      settings: {
        enable: true,
        onlyChangedLines: false,
        offline: true,
        severityOverrides: { 'python.yaml-load': 'error' },
        extraRuleDirs: ['/opt/team-rules'],
        registry: { npmUrl: 'http://127.0.0.1:4873' },
      },
    });
  });

  it('restarts the server on "slopguard: Restart server"', {
    skip: process.platform === 'win32' ? 'shebang script' : false,
  }, async () => {
    await seen.commands.get('slopguard.restartServer')?.();
    const messages = await waitFor(
      (m) => m.filter((x) => x.method === 'initialized').length === 2,
    );
    const methods = messages.map((m) => m.method ?? 'spawn');
    const firstShutdown = methods.indexOf('shutdown');
    const secondSpawn = methods.lastIndexOf('spawn');
    assert.ok(firstShutdown > 0 && firstShutdown < secondSpawn, methods.join(' '));
    assert.ok(methods.includes('exit'));
  });
});
