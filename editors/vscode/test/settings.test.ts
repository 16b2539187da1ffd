import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  answerConfigurationItems,
  type ConfigReader,
  expandPath,
  toServerConfig,
} from '../src/settings';
import { actionForConfigChange } from '../src/lifecycle';

/** A `slopguard` configuration section backed by a plain object of dotted keys. */
function reader(values: Record<string, unknown>): ConfigReader {
  return { get: (key) => values[key] };
}

const posix = { workspaceFolder: '/home/ada/project', homeDir: '/home/ada', pathApi: path.posix };

describe('toServerConfig', () => {
  it('maps unset settings to the server defaults, with every key present', () => {
    const { config, problems } = toServerConfig(reader({}), posix);
    assert.deepEqual(config, {
      enable: true,
      onlyChangedLines: true,
      offline: false,
      severityOverrides: {},
      extraRuleDirs: [],
      registry: {},
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(Object.keys(config), [
      'enable',
      'onlyChangedLines',
      'offline',
      'severityOverrides',
      'extraRuleDirs',
      'registry',
    ]);
  });

  it('passes every setting through under the server key names', () => {
    const { config, problems } = toServerConfig(
      reader({
        enable: false,
        onlyChangedLines: false,
        offline: true,
        severityOverrides: { 'python.yaml-load': 'error', 'js.dom-html-injection': 'off' },
        extraRuleDirs: ['/opt/rules'],
        'registry.pypiUrl': 'http://127.0.0.1:8080/pypi',
        'registry.npmUrl': 'https://npm.example.test/',
        'registry.cratesIndexUrl': 'https://index.example.test/crates',
      }),
      posix,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      enable: false,
      onlyChangedLines: false,
      offline: true,
      severityOverrides: { 'python.yaml-load': 'error', 'js.dom-html-injection': 'off' },
      extraRuleDirs: ['/opt/rules'],
      registry: {
        pypiUrl: 'http://127.0.0.1:8080/pypi',
        npmUrl: 'https://npm.example.test',
        cratesIndexUrl: 'https://index.example.test/crates',
      },
    });
  });

  it('omits empty registry URLs so the server uses the public registry', () => {
    const { config, problems } = toServerConfig(
      reader({ 'registry.pypiUrl': '', 'registry.npmUrl': '   ' }),
      posix,
    );
    assert.deepEqual(config.registry, {});
    assert.deepEqual(problems, []);
  });

  it('rejects a registry URL that is not http(s), and says so', () => {
    const { config, problems } = toServerConfig(
      reader({ 'registry.npmUrl': 'file:///etc/passwd', 'registry.pypiUrl': 42 }),
      posix,
    );
    assert.deepEqual(config.registry, {});
    assert.equal(problems.length, 2);
    assert.match(problems.join('\n'), /registry\.npmUrl .*not an http\(s\) URL/);
    assert.match(problems.join('\n'), /registry\.pypiUrl must be a URL string/);
  });

  it('keeps valid severity overrides, normalises case, drops and reports the rest', () => {
    const { config, problems } = toServerConfig(
      reader({
        severityOverrides: {
          'python.yaml-load': 'Error',
          'rust.unsafe': 'fatal',
          'js.eval': 3,
          ' ': 'off',
        },
      }),
      posix,
    );
    assert.deepEqual(config.severityOverrides, { 'python.yaml-load': 'error' });
    assert.equal(problems.length, 3);
    assert.match(problems[0] ?? '', /rust\.unsafe.*"fatal"/);
  });

  it('ignores a severityOverrides value that is not an object', () => {
    const { config, problems } = toServerConfig(reader({ severityOverrides: ['error'] }), posix);
    assert.deepEqual(config.severityOverrides, {});
    assert.equal(problems.length, 1);
  });

  it('falls back to the default for a boolean setting of the wrong type', () => {
    const { config, problems } = toServerConfig(reader({ enable: 'no', offline: 1 }), posix);
    assert.equal(config.enable, true);
    assert.equal(config.offline, false);
    assert.equal(problems.length, 2);
  });

  it('makes extra rule dirs absolute, expands ~ and ${workspaceFolder}, dedupes', () => {
    const { config, problems } = toServerConfig(
      reader({
        extraRuleDirs: [
          'rules',
          './rules',
          '~/slopguard-rules',
          '${workspaceFolder}/team/rules',
          '/abs/rules/../other',
          '',
          7,
        ],
      }),
      posix,
    );
    assert.deepEqual(config.extraRuleDirs, [
      '/home/ada/project/rules',
      '/home/ada/slopguard-rules',
      '/home/ada/project/team/rules',
      '/abs/other',
    ]);
    assert.equal(problems.length, 2);
  });

  it('drops relative rule dirs when no folder is open', () => {
    const { config, problems } = toServerConfig(
      reader({ extraRuleDirs: ['rules', '${workspaceFolder}/x', '/abs'] }),
      { homeDir: '/home/ada', pathApi: path.posix },
    );
    assert.deepEqual(config.extraRuleDirs, ['/abs']);
    assert.equal(problems.length, 2);
  });
});

describe('expandPath', () => {
  it('handles Windows paths', () => {
    const win = { workspaceFolder: 'C:\\src\\app', homeDir: 'C:\\Users\\ada', pathApi: path.win32 };
    assert.equal(expandPath('rules', win), 'C:\\src\\app\\rules');
    assert.equal(expandPath('~\\rules', win), 'C:\\Users\\ada\\rules');
    assert.equal(expandPath('D:\\shared\\rules', win), 'D:\\shared\\rules');
  });

  it('expands ${userHome} and a bare ~', () => {
    assert.equal(expandPath('${userHome}/r', posix), '/home/ada/r');
    assert.equal(expandPath('~', posix), '/home/ada');
  });
});

describe('answerConfigurationItems', () => {
  it('answers the slopguard section with the server config and keeps other answers', () => {
    const config = toServerConfig(reader({ offline: true }), posix).config;
    const answers = answerConfigurationItems(
      ['editor', 'slopguard', undefined],
      [{ tabSize: 4 }, { raw: 'vscode view' }, null],
      () => config,
    );
    assert.deepEqual(answers, [{ tabSize: 4 }, config, null]);
  });
});

describe('actionForConfigChange', () => {
  const affecting =
    (...changed: string[]) =>
    (section: string) =>
      changed.some((key) => key === section || key.startsWith(`${section}.`));

  it('restarts the server when the binary path changes', () => {
    assert.equal(actionForConfigChange(affecting('slopguard.path')), 'restart');
  });

  it('pushes other slopguard settings to the running server', () => {
    assert.equal(actionForConfigChange(affecting('slopguard.offline')), 'push');
    assert.equal(actionForConfigChange(affecting('slopguard.registry.npmUrl')), 'push');
  });

  it('ignores settings of other extensions', () => {
    assert.equal(actionForConfigChange(affecting('editor.tabSize')), 'none');
  });
});
