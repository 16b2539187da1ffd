import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  type FileProbe,
  type ResolveInput,
  missingBinaryMessage,
  nodeFileProbe,
  resolveServerBinary,
  serverCommand,
  splitPathVariable,
} from '../src/binary';

/** A probe that knows exactly these executables, and records what it was asked. */
function fakeProbe(executables: string[]): FileProbe & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    isExecutableFile(candidate) {
      asked.push(candidate);
      return executables.includes(candidate);
    },
  };
}

function linux(overrides: Partial<ResolveInput>): ResolveInput {
  return {
    env: { PATH: '/usr/local/bin:/usr/bin' },
    platform: 'linux',
    homeDir: '/home/ada',
    workspaceFolder: '/home/ada/project',
    probe: fakeProbe([]),
    ...overrides,
  };
}

describe('resolveServerBinary on POSIX', () => {
  it('finds the first slopguard on PATH, in PATH order', () => {
    const probe = fakeProbe(['/usr/bin/slopguard', '/opt/x/slopguard']);
    const result = resolveServerBinary(linux({ env: { PATH: '/opt/y:/usr/bin:/opt/x' }, probe }));
    assert.deepEqual(result, { kind: 'found', path: '/usr/bin/slopguard', source: 'PATH' });
    assert.deepEqual(probe.asked, ['/opt/y/slopguard', '/usr/bin/slopguard']);
  });

  it('skips empty PATH entries instead of searching the current directory', () => {
    assert.deepEqual(splitPathVariable(':/usr/bin::', 'linux'), ['/usr/bin']);
  });

  it('falls back to ~/.cargo/bin when PATH lacks it', () => {
    const probe = fakeProbe(['/home/ada/.cargo/bin/slopguard']);
    const result = resolveServerBinary(linux({ probe }));
    assert.deepEqual(result, {
      kind: 'found',
      path: '/home/ada/.cargo/bin/slopguard',
      source: 'cargo',
    });
  });

  it('uses CARGO_HOME for the fallback when it is set', () => {
    const probe = fakeProbe(['/srv/cargo/bin/slopguard', '/home/ada/.cargo/bin/slopguard']);
    const result = resolveServerBinary(
      linux({ env: { PATH: '/usr/bin', CARGO_HOME: '/srv/cargo' }, probe }),
    );
    assert.deepEqual(result, { kind: 'found', path: '/srv/cargo/bin/slopguard', source: 'cargo' });
  });

  it('reports everywhere it looked when nothing is found', () => {
    const result = resolveServerBinary(linux({}));
    assert.deepEqual(result, {
      kind: 'not-found',
      searched: [
        '/usr/local/bin/slopguard',
        '/usr/bin/slopguard',
        '/home/ada/.cargo/bin/slopguard',
      ],
    });
    const message = missingBinaryMessage(result) ?? '';
    assert.match(message, /could not find the `slopguard` language server on your PATH/);
    assert.match(message, /cargo install --locked --path server/);
    assert.match(message, /release binary/);
    assert.match(message, /slopguard\.path/);
  });

  it('copes with no PATH at all', () => {
    const result = resolveServerBinary(linux({ env: {} }));
    assert.deepEqual(result, { kind: 'not-found', searched: ['/home/ada/.cargo/bin/slopguard'] });
  });

  it('uses slopguard.path, expanding ~ and resolving relative paths', () => {
    const probe = fakeProbe(['/home/ada/bin/slopguard', '/home/ada/project/target/debug/slopguard']);
    assert.deepEqual(resolveServerBinary(linux({ configuredPath: '~/bin/slopguard', probe })), {
      kind: 'found',
      path: '/home/ada/bin/slopguard',
      source: 'setting',
    });
    assert.deepEqual(
      resolveServerBinary(linux({ configuredPath: ' target/debug/slopguard ', probe })),
      { kind: 'found', path: '/home/ada/project/target/debug/slopguard', source: 'setting' },
    );
  });

  it('reports a wrong slopguard.path instead of silently using another binary', () => {
    const probe = fakeProbe(['/usr/bin/slopguard']);
    const result = resolveServerBinary(linux({ configuredPath: '~/nope/slopguard', probe }));
    assert.deepEqual(result, {
      kind: 'bad-setting',
      configuredPath: '~/nope/slopguard',
      expandedPath: '/home/ada/nope/slopguard',
    });
    assert.match(missingBinaryMessage(result) ?? '', /\/home\/ada\/nope\/slopguard.*not an executable/);
  });

  it('reports a relative slopguard.path when no folder is open', () => {
    const result = resolveServerBinary(
      linux({ configuredPath: 'bin/slopguard', workspaceFolder: undefined }),
    );
    assert.deepEqual(result, { kind: 'bad-setting', configuredPath: 'bin/slopguard' });
    assert.match(missingBinaryMessage(result) ?? '', /relative path but no folder is open/);
  });

  it('treats an empty or non-string slopguard.path as unset', () => {
    const probe = fakeProbe(['/usr/bin/slopguard']);
    for (const configuredPath of ['', '   ', 42, null]) {
      assert.deepEqual(resolveServerBinary(linux({ configuredPath, probe })), {
        kind: 'found',
        path: '/usr/bin/slopguard',
        source: 'PATH',
      });
    }
  });

  it('treats a probe that throws as "not executable"', () => {
    const probe: FileProbe = {
      isExecutableFile: () => {
        throw new Error('EACCES');
      },
    };
    assert.equal(resolveServerBinary(linux({ probe })).kind, 'not-found');
  });
});

describe('resolveServerBinary on Windows', () => {
  const windows = (overrides: Partial<ResolveInput>): ResolveInput => ({
    env: { Path: 'C:\\Tools;"C:\\Program Files\\slopguard"', PATHEXT: '.COM;.EXE;.CMD' },
    platform: 'win32',
    homeDir: 'C:\\Users\\ada',
    probe: fakeProbe([]),
    ...overrides,
  });

  it('reads Path case-insensitively, unquotes entries and tries PATHEXT suffixes', () => {
    const probe = fakeProbe(['C:\\Program Files\\slopguard\\slopguard.exe']);
    assert.deepEqual(resolveServerBinary(windows({ probe })), {
      kind: 'found',
      path: 'C:\\Program Files\\slopguard\\slopguard.exe',
      source: 'PATH',
    });
    assert.deepEqual(probe.asked.slice(0, 3), [
      'C:\\Tools\\slopguard.com',
      'C:\\Tools\\slopguard.exe',
      'C:\\Tools\\slopguard.cmd',
    ]);
  });

  it('accepts a slopguard.path with or without .exe', () => {
    const probe = fakeProbe(['D:\\bin\\slopguard.exe']);
    for (const configuredPath of ['D:\\bin\\slopguard', 'D:\\bin\\slopguard.exe']) {
      assert.deepEqual(resolveServerBinary(windows({ configuredPath, probe })), {
        kind: 'found',
        path: 'D:\\bin\\slopguard.exe',
        source: 'setting',
      });
    }
  });

  it('falls back to %USERPROFILE%\\.cargo\\bin', () => {
    const probe = fakeProbe(['C:\\Users\\ada\\.cargo\\bin\\slopguard.exe']);
    assert.deepEqual(resolveServerBinary(windows({ probe })), {
      kind: 'found',
      path: 'C:\\Users\\ada\\.cargo\\bin\\slopguard.exe',
      source: 'cargo',
    });
  });
});

describe('nodeFileProbe', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'slopguard-probe-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts an executable file and rejects non-executables, folders and missing files', {
    skip: process.platform === 'win32' ? 'POSIX permissions' : false,
  }, () => {
    const exe = path.join(dir, 'slopguard');
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    const plain = path.join(dir, 'plain');
    writeFileSync(plain, '');
    chmodSync(plain, 0o644);
    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    assert.equal(nodeFileProbe.isExecutableFile(exe), true);
    assert.equal(nodeFileProbe.isExecutableFile(plain), false);
    assert.equal(nodeFileProbe.isExecutableFile(folder), false);
    assert.equal(nodeFileProbe.isExecutableFile(path.join(dir, 'missing')), false);
  });

  it('finds a real binary through a real PATH', {
    skip: process.platform === 'win32' ? 'POSIX permissions' : false,
  }, () => {
    const bin = path.join(dir, 'bin');
    mkdirSync(bin);
    const exe = path.join(bin, 'slopguard');
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    const result = resolveServerBinary({
      env: { PATH: `${path.join(dir, 'empty')}:${bin}` },
      platform: process.platform,
      homeDir: dir,
      probe: nodeFileProbe,
    });
    assert.deepEqual(result, { kind: 'found', path: exe, source: 'PATH' });
  });
});

describe('serverCommand', () => {
  it('runs `slopguard lsp` with no extra transport flag, from the workspace folder', () => {
    const command = serverCommand('/usr/bin/slopguard', '/home/ada/project');
    assert.deepEqual(command, {
      command: '/usr/bin/slopguard',
      args: ['lsp'],
      options: { cwd: '/home/ada/project' },
    });
    assert.equal('transport' in command, false);
  });

  it('sets no cwd when no folder is open', () => {
    assert.deepEqual(serverCommand('slopguard', undefined).options, {});
  });
});
