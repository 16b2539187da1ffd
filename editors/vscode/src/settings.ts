/**
 * VS Code settings → the configuration object `slopguard lsp` understands.
 *
 * The server reads one object, both as `initializationOptions` and as the `settings` of
 * `workspace/didChangeConfiguration`:
 *
 * ```json
 * { "enable": true, "onlyChangedLines": true, "offline": false,
 *   "severityOverrides": { "python.yaml-load": "error" }, "extraRuleDirs": ["/abs/rules"],
 *   "registry": { "pypiUrl": "...", "npmUrl": "...", "cratesIndexUrl": "..." } }
 * ```
 *
 * This module does not import `vscode`, so the mapping is unit-tested without an editor. The
 * table in `SERVER_SETTINGS` is the single list of server settings; a test checks that
 * `package.json`'s `contributes.configuration` declares exactly these keys with these defaults.
 */

import * as path from 'node:path';

/** Severities a rule can be overridden to; `off` silences the rule. */
export const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Registry base URLs; a missing key means "use the public registry". */
export interface RegistryUrls {
  pypiUrl?: string;
  npmUrl?: string;
  cratesIndexUrl?: string;
}

/** The object sent to the server. Keys match the server's configuration exactly. */
export interface ServerConfig {
  enable: boolean;
  onlyChangedLines: boolean;
  offline: boolean;
  severityOverrides: Record<string, Severity>;
  extraRuleDirs: string[];
  registry: RegistryUrls;
}

/** One server setting as declared under `slopguard.` in package.json. */
export interface SettingSpec {
  /** Key below the `slopguard.` section, e.g. `registry.npmUrl`. */
  key: string;
  type: 'boolean' | 'string' | 'array' | 'object';
  default: unknown;
}

/** Every setting that is forwarded to the server. */
export const SERVER_SETTINGS: readonly SettingSpec[] = [
  { key: 'enable', type: 'boolean', default: true },
  { key: 'onlyChangedLines', type: 'boolean', default: true },
  { key: 'offline', type: 'boolean', default: false },
  { key: 'severityOverrides', type: 'object', default: {} },
  { key: 'extraRuleDirs', type: 'array', default: [] },
  { key: 'registry.pypiUrl', type: 'string', default: '' },
  { key: 'registry.npmUrl', type: 'string', default: '' },
  { key: 'registry.cratesIndexUrl', type: 'string', default: '' },
];

/** Settings the extension itself consumes; they are not sent to the server. */
export const CLIENT_SETTINGS: readonly SettingSpec[] = [
  { key: 'path', type: 'string', default: '' },
  { key: 'trace.server', type: 'string', default: 'off' },
];

/**
 * Read access to the `slopguard` configuration section. `vscode.WorkspaceConfiguration`
 * satisfies it; tests pass a plain object.
 */
export interface ConfigReader {
  get(key: string): unknown;
}

/** Where relative paths and `~` / `${workspaceFolder}` in settings point. */
export interface PathContext {
  /** The first workspace folder's path, if a folder is open. */
  workspaceFolder?: string;
  homeDir: string;
  /** Path flavour; defaults to the running platform's. Tests pass `path.win32` or `path.posix`. */
  pathApi?: path.PlatformPath;
}

/** The mapped configuration plus human-readable notes about settings that were ignored. */
export interface MappedConfig {
  config: ServerConfig;
  problems: string[];
}

/** Maps the user's settings to the server's configuration object. Never throws. */
export function toServerConfig(reader: ConfigReader, paths: PathContext): MappedConfig {
  const problems: string[] = [];
  const config: ServerConfig = {
    enable: readBoolean(reader, 'enable', true, problems),
    onlyChangedLines: readBoolean(reader, 'onlyChangedLines', true, problems),
    offline: readBoolean(reader, 'offline', false, problems),
    severityOverrides: readSeverityOverrides(reader.get('severityOverrides'), problems),
    extraRuleDirs: readRuleDirs(reader.get('extraRuleDirs'), paths, problems),
    registry: {},
  };
  const registryKeys = ['pypiUrl', 'npmUrl', 'cratesIndexUrl'] as const;
  for (const key of registryKeys) {
    const url = readRegistryUrl(reader.get(`registry.${key}`), key, problems);
    if (url !== undefined) {
      config.registry[key] = url;
    }
  }
  return { config, problems };
}

/**
 * Answers a server's `workspace/configuration` pull: items for the `slopguard` section get the
 * same object as `initializationOptions`; every other item keeps the editor's own answer.
 */
export function answerConfigurationItems(
  sections: readonly (string | undefined)[],
  editorAnswers: readonly unknown[],
  current: () => ServerConfig,
): unknown[] {
  return sections.map((section, i) => (section === 'slopguard' ? current() : editorAnswers[i]));
}

function readBoolean(
  reader: ConfigReader,
  key: string,
  fallback: boolean,
  problems: string[],
): boolean {
  const value = reader.get(key);
  if (value === undefined || value === null) {
    return fallback;
  }
  if (typeof value !== 'boolean') {
    problems.push(`slopguard.${key} must be true or false; using ${fallback}.`);
    return fallback;
  }
  return value;
}

function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value);
}

function readSeverityOverrides(value: unknown, problems: string[]): Record<string, Severity> {
  const overrides: Record<string, Severity> = {};
  if (value === undefined || value === null) {
    return overrides;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('slopguard.severityOverrides must map rule ids to a severity; ignored.');
    return overrides;
  }
  for (const [ruleId, severity] of Object.entries(value as Record<string, unknown>)) {
    const normalized = typeof severity === 'string' ? severity.trim().toLowerCase() : severity;
    if (ruleId.trim() === '') {
      problems.push('slopguard.severityOverrides has an empty rule id; ignored.');
    } else if (isSeverity(normalized)) {
      overrides[ruleId.trim()] = normalized;
    } else {
      problems.push(
        `slopguard.severityOverrides["${ruleId}"] is ${JSON.stringify(severity)}; ` +
          `expected one of ${SEVERITIES.join(', ')}. Ignored.`,
      );
    }
  }
  return overrides;
}

function readRuleDirs(value: unknown, paths: PathContext, problems: string[]): string[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push('slopguard.extraRuleDirs must be a list of folders; ignored.');
    return [];
  }
  const dirs: string[] = [];
  for (const entry of value) {
    if (typeof entry !== 'string' || entry.trim() === '') {
      problems.push(`slopguard.extraRuleDirs entry ${JSON.stringify(entry)} is not a folder; ignored.`);
      continue;
    }
    const expanded = expandPath(entry.trim(), paths);
    if (expanded === undefined) {
      problems.push(
        `slopguard.extraRuleDirs entry "${entry}" is relative but no folder is open; ignored.`,
      );
      continue;
    }
    if (!dirs.includes(expanded)) {
      dirs.push(expanded);
    }
  }
  return dirs;
}

function readRegistryUrl(value: unknown, key: string, problems: string[]): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push(`slopguard.registry.${key} must be a URL string; using the default registry.`);
    return undefined;
  }
  const url = value.trim();
  if (url === '') {
    return undefined;
  }
  if (!/^https?:\/\/[^/\s]+/i.test(url)) {
    problems.push(
      `slopguard.registry.${key} "${url}" is not an http(s) URL; using the default registry.`,
    );
    return undefined;
  }
  return url.replace(/\/+$/, '');
}

/**
 * Expands `~`, `${workspaceFolder}` and `${userHome}`, and makes relative paths absolute against
 * the workspace folder. Returns `undefined` for a relative path when no folder is open.
 */
export function expandPath(raw: string, paths: PathContext): string | undefined {
  const pathApi = paths.pathApi ?? path;
  let expanded = raw.replaceAll('${userHome}', paths.homeDir);
  if (expanded.includes('${workspaceFolder}')) {
    if (paths.workspaceFolder === undefined) {
      return undefined;
    }
    expanded = expanded.replaceAll('${workspaceFolder}', paths.workspaceFolder);
  }
  if (expanded === '~') {
    return paths.homeDir;
  }
  if (expanded.startsWith('~/') || expanded.startsWith('~\\')) {
    return pathApi.join(paths.homeDir, expanded.slice(2));
  }
  if (pathApi.isAbsolute(expanded)) {
    return pathApi.normalize(expanded);
  }
  if (paths.workspaceFolder === undefined) {
    return undefined;
  }
  return pathApi.resolve(paths.workspaceFolder, expanded);
}
