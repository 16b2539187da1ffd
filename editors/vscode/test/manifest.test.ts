// package.json is what VS Code reads; these tests keep it in step with the modules the
// extension runs, so a setting, language or command cannot be added in one place only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  activationEvents,
  documentSelector,
  INSTALL_COMMAND_GLOBS,
  LANGUAGE_IDS,
  MANIFEST_GLOBS,
  WATCHED_FILES_GLOB,
} from '../src/selector';
import { CLIENT_SETTINGS, SERVER_SETTINGS, SEVERITIES, toServerConfig } from '../src/settings';

interface PropertySchema {
  type?: string;
  default?: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  items?: { type?: string };
  additionalProperties?: { type?: string; enum?: string[] };
}

interface Manifest {
  main: string;
  license: string;
  engines: { vscode: string };
  activationEvents: string[];
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, PropertySchema> };
  };
}

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('package.json contributes.configuration', () => {
  it('declares exactly the server settings plus slopguard.path and slopguard.trace.server', () => {
    const declared = Object.keys(properties).sort();
    const expected = [...SERVER_SETTINGS, ...CLIENT_SETTINGS].map((s) => `slopguard.${s.key}`).sort();
    assert.deepEqual(declared, expected);
  });

  it('gives each setting the type and default of the settings module, and a description', () => {
    for (const spec of [...SERVER_SETTINGS, ...CLIENT_SETTINGS]) {
      const schema = properties[`slopguard.${spec.key}`];
      assert.ok(schema, spec.key);
      assert.equal(schema.type, spec.type, spec.key);
      assert.deepEqual(schema.default, spec.default, spec.key);
      const description = schema.markdownDescription ?? schema.description ?? '';
      assert.ok(description.length > 30, `slopguard.${spec.key} needs a real description`);
    }
  });

  it('has defaults that map to the server defaults', () => {
    const defaults = Object.fromEntries(
      Object.entries(properties).map(([key, schema]) => [key.replace(/^slopguard\./, ''), schema.default]),
    );
    const { config, problems } = toServerConfig(
      { get: (key) => defaults[key] },
      { workspaceFolder: '/w', homeDir: '/h' },
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      enable: true,
      onlyChangedLines: true,
      offline: false,
      severityOverrides: {},
      extraRuleDirs: [],
      registry: {},
    });
  });

  it('restricts severity overrides to the severities the server accepts', () => {
    const schema = properties['slopguard.severityOverrides'];
    assert.deepEqual(schema?.additionalProperties?.enum, [...SEVERITIES]);
  });

  it('declares extraRuleDirs as a list of strings and trace levels as the client expects', () => {
    assert.equal(properties['slopguard.extraRuleDirs']?.items?.type, 'string');
    assert.deepEqual(properties['slopguard.trace.server']?.enum, ['off', 'messages', 'verbose']);
  });
});

describe('package.json activation and commands', () => {
  it('activates for every selected language and every manifest', () => {
    assert.deepEqual([...manifest.activationEvents].sort(), activationEvents().sort());
  });

  it('contributes the restart and show-output commands under the slopguard category', () => {
    const commands = Object.fromEntries(
      manifest.contributes.commands.map((c) => [c.command, `${c.category ?? ''}: ${c.title}`]),
    );
    assert.deepEqual(commands, {
      'slopguard.restartServer': 'slopguard: Restart server',
      'slopguard.showOutput': 'slopguard: Show output',
    });
    const source = readFileSync(path.join(root, 'src', 'extension.ts'), 'utf8');
    for (const command of Object.keys(commands)) {
      assert.ok(source.includes(`registerCommand('${command}'`), `${command} is registered`);
    }
  });

  it('points main at the bundle and ships vscode-languageclient as the only runtime dependency', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.deepEqual(Object.keys(manifest.dependencies), ['vscode-languageclient']);
    assert.equal(manifest.license, 'MIT');
  });

  it('keeps @types/vscode in step with the minimum VS Code version', () => {
    const engine = manifest.engines.vscode.replace(/^[\^~]/, '');
    const types = (manifest.devDependencies['@types/vscode'] ?? '').replace(/^[\^~]/, '');
    assert.equal(types.split('.').slice(0, 2).join('.'), engine.split('.').slice(0, 2).join('.'));
  });
});

describe('documentSelector', () => {
  const selector = documentSelector();

  it('selects each language on disk and in unsaved buffers', () => {
    assert.deepEqual(LANGUAGE_IDS, [
      'python',
      'javascript',
      'javascriptreact',
      'typescript',
      'typescriptreact',
      'rust',
    ]);
    for (const language of LANGUAGE_IDS) {
      assert.ok(selector.some((f) => 'language' in f && f.language === language && f.scheme === 'file'));
      assert.ok(selector.some((f) => 'language' in f && f.language === language && f.scheme === 'untitled'));
    }
  });

  it('selects the manifests and the files of install commands by file pattern, on disk only', () => {
    const patterns = selector.filter((f) => 'pattern' in f);
    assert.deepEqual(
      patterns.map((f) => ('pattern' in f ? f.pattern : '')),
      [
        '**/Cargo.toml',
        '**/package.json',
        '**/requirements*.txt',
        '**/pyproject.toml',
        ...INSTALL_COMMAND_GLOBS,
      ],
    );
    assert.ok(patterns.every((f) => f.scheme === 'file'));
  });

  // The file names crates/supply/src/deps/install_commands.rs reads install commands from, and
  // some it does not: the selector must send the first and not the second.
  const selected = (file: string) =>
    INSTALL_COMMAND_GLOBS.some((glob) => path.posix.matchesGlob(file, glob));

  it('sends every file the server reads install commands from', () => {
    for (const file of [
      '/w/README.md',
      '/w/docs/setup.markdown',
      '/w/AGENTS.md',
      '/w/CLAUDE.md',
      '/w/.cursorrules',
      '/w/.github/copilot-instructions.md',
      '/w/scripts/bootstrap.sh',
      '/w/ci/install.bash',
      '/w/Dockerfile',
      '/w/docker/Dockerfile.dev',
      '/w/api.dockerfile',
      '/w/Containerfile',
      '/w/Makefile',
      '/w/GNUmakefile',
      '/w/build/rules.mk',
      '/w/.github/workflows/ci.yml',
      '/w/.github/workflows/release.yaml',
    ]) {
      assert.ok(selected(file), file);
    }
  });

  it('does not send YAML outside workflows or other text files', () => {
    for (const file of ['/w/config/app.yml', '/w/.github/dependabot.yml', '/w/notes.txt', '/w/setup.cfg']) {
      assert.ok(!selected(file), file);
    }
  });

  it('does not activate on files of install commands, which nearly every repository has', () => {
    for (const glob of INSTALL_COMMAND_GLOBS) {
      assert.ok(!activationEvents().includes(`workspaceContains:${glob}`), glob);
    }
  });

  it('has no filter that would match every document', () => {
    for (const filter of selector) {
      assert.ok('language' in filter || 'pattern' in filter);
    }
  });

  it('watches slopguard.toml and every manifest', () => {
    for (const glob of MANIFEST_GLOBS) {
      const name = glob.replace('**/', '');
      assert.ok(WATCHED_FILES_GLOB.includes(name), name);
    }
    assert.ok(WATCHED_FILES_GLOB.includes('slopguard.toml'));
  });
});
