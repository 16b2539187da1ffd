/**
 * Finding the `slopguard` executable.
 *
 * Order: the `slopguard.path` setting (if set, it must point at an executable: a wrong setting is
 * reported, not silently replaced by another binary), then every `PATH` entry, then Cargo's
 * install folder (`$CARGO_HOME/bin`, else `~/.cargo/bin`), because editors started from a desktop
 * launcher often do not inherit the shell's `PATH` where `cargo install` put the binary.
 *
 * The file system and environment are passed in, so tests use a fake `PATH` and fake files.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandPath } from './settings';

/** The file-system question binary resolution asks. */
export interface FileProbe {
  /** True when `candidate` is a regular file this process may execute. */
  isExecutableFile(candidate: string): boolean;
}

export interface ResolveInput {
  /** The raw `slopguard.path` setting; empty, missing or not a string means "search". */
  configuredPath?: unknown;
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homeDir: string;
  workspaceFolder?: string;
  probe: FileProbe;
}

export type Resolution =
  | { kind: 'found'; path: string; source: 'setting' | 'PATH' | 'cargo' }
  | { kind: 'bad-setting'; configuredPath: string; expandedPath?: string }
  | { kind: 'not-found'; searched: string[] };

/** The executable's base name. */
export const BINARY_NAME = 'slopguard';

/** Resolves the server binary. Never throws; the probe's errors count as "not executable". */
export function resolveServerBinary(input: ResolveInput): Resolution {
  const pathApi = input.platform === 'win32' ? path.win32 : path.posix;
  const isExecutable = (candidate: string): boolean => {
    try {
      return input.probe.isExecutableFile(candidate);
    } catch {
      return false;
    }
  };

  const configured = typeof input.configuredPath === 'string' ? input.configuredPath.trim() : '';
  if (configured !== '') {
    const expanded = expandPath(configured, {
      workspaceFolder: input.workspaceFolder,
      homeDir: input.homeDir,
      pathApi,
    });
    if (expanded === undefined) {
      return { kind: 'bad-setting', configuredPath: configured };
    }
    for (const candidate of withExecutableSuffixes(expanded, input)) {
      if (isExecutable(candidate)) {
        return { kind: 'found', path: candidate, source: 'setting' };
      }
    }
    return { kind: 'bad-setting', configuredPath: configured, expandedPath: expanded };
  }

  const searched: string[] = [];
  const pathDirs = splitPathVariable(lookupEnv(input.env, 'PATH', input.platform), input.platform);
  for (const dir of pathDirs) {
    const base = pathApi.join(dir, BINARY_NAME);
    for (const candidate of withExecutableSuffixes(base, input)) {
      searched.push(candidate);
      if (isExecutable(candidate)) {
        return { kind: 'found', path: candidate, source: 'PATH' };
      }
    }
  }

  const cargoHome = lookupEnv(input.env, 'CARGO_HOME', input.platform);
  const cargoBin = pathApi.join(
    cargoHome !== undefined && cargoHome !== '' ? cargoHome : pathApi.join(input.homeDir, '.cargo'),
    'bin',
  );
  if (!pathDirs.some((dir) => samePath(dir, cargoBin, input.platform))) {
    const base = pathApi.join(cargoBin, BINARY_NAME);
    for (const candidate of withExecutableSuffixes(base, input)) {
      searched.push(candidate);
      if (isExecutable(candidate)) {
        return { kind: 'found', path: candidate, source: 'cargo' };
      }
    }
  }
  return { kind: 'not-found', searched };
}

/** Environment lookup; Windows variable names are case-insensitive (`Path`, `PATH`). */
function lookupEnv(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  platform: NodeJS.Platform,
): string | undefined {
  if (platform !== 'win32') {
    return env[name];
  }
  const key = Object.keys(env).find((k) => k.toUpperCase() === name);
  return key === undefined ? undefined : env[key];
}

/** Splits `PATH`, dropping empty entries (which would mean "current directory") and quotes. */
export function splitPathVariable(value: string | undefined, platform: NodeJS.Platform): string[] {
  if (value === undefined) {
    return [];
  }
  const delimiter = platform === 'win32' ? ';' : ':';
  return value
    .split(delimiter)
    .map((dir) => dir.trim().replace(/^"(.*)"$/, '$1'))
    .filter((dir) => dir !== '');
}

/** On Windows an executable needs a `PATHEXT` suffix (`.exe`, `.cmd`, …) unless it has one. */
function withExecutableSuffixes(base: string, input: ResolveInput): string[] {
  if (input.platform !== 'win32') {
    return [base];
  }
  const pathext = lookupEnv(input.env, 'PATHEXT', input.platform) ?? '.COM;.EXE;.BAT;.CMD';
  const suffixes = pathext
    .split(';')
    .map((ext) => ext.trim().toLowerCase())
    .filter((ext) => ext !== '');
  if (suffixes.some((ext) => base.toLowerCase().endsWith(ext))) {
    return [base];
  }
  return suffixes.map((ext) => base + ext);
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const pathApi = platform === 'win32' ? path.win32 : path.posix;
  const norm = (p: string): string => {
    const n = pathApi.normalize(p).replace(/[\\/]+$/, '');
    return platform === 'win32' ? n.toLowerCase() : n;
  };
  return norm(a) === norm(b);
}

/** The real probe: a regular file with execute permission (on Windows: any regular file). */
export const nodeFileProbe: FileProbe = {
  isExecutableFile(candidate: string): boolean {
    try {
      if (!fs.statSync(candidate).isFile()) {
        return false;
      }
      if (process.platform !== 'win32') {
        fs.accessSync(candidate, fs.constants.X_OK);
      }
      return true;
    } catch {
      return false;
    }
  },
};

/** How to get the binary, shown when it cannot be found. */
export const INSTALL_HINT =
  'Install it with `cargo install --locked --path server` from a slopguard checkout (Rust 1.90 or newer), ' +
  'or download a release binary and put it on your PATH, ' +
  'or set `slopguard.path` to the binary.';

/** The notification text for a resolution that did not find the binary. */
export function missingBinaryMessage(resolution: Resolution): string | undefined {
  switch (resolution.kind) {
    case 'found':
      return undefined;
    case 'bad-setting': {
      const where =
        resolution.expandedPath !== undefined && resolution.expandedPath !== resolution.configuredPath
          ? ` (${resolution.expandedPath})`
          : '';
      const why =
        resolution.expandedPath === undefined
          ? 'is a relative path but no folder is open'
          : 'is not an executable file';
      return `slopguard: the setting slopguard.path = "${resolution.configuredPath}"${where} ${why}. ${INSTALL_HINT}`;
    }
    case 'not-found':
      return `slopguard: could not find the \`${BINARY_NAME}\` language server on your PATH. ${INSTALL_HINT}`;
  }
}

/** How the language client starts the server. */
export interface ServerCommand {
  command: string;
  args: string[];
  options: { cwd?: string };
}

/**
 * `slopguard lsp` over stdio. No `transport` is set on purpose: with `TransportKind.stdio`,
 * vscode-languageclient appends `--stdio`, which `slopguard lsp` does not take.
 */
export function serverCommand(binary: string, workspaceFolder: string | undefined): ServerCommand {
  return {
    command: binary,
    args: ['lsp'],
    options: workspaceFolder === undefined ? {} : { cwd: workspaceFolder },
  };
}
