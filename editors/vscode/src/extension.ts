/**
 * VS Code entry point: owns the output channel, the commands and one `LanguageClient` running
 * `slopguard lsp`. Decisions (which binary, which documents, what configuration) live in the
 * modules this file imports, which do not depend on `vscode` and are unit-tested.
 */

import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  type LanguageClientOptions,
} from 'vscode-languageclient/node';
import {
  missingBinaryMessage,
  nodeFileProbe,
  resolveServerBinary,
  serverCommand,
} from './binary';
import { actionForConfigChange } from './lifecycle';
import { documentSelector, WATCHED_FILES_GLOB } from './selector';
import { answerConfigurationItems, type ServerConfig, toServerConfig } from './settings';

const OPEN_SETTINGS = 'Open Settings';
const SHOW_OUTPUT = 'Show Output';

let output: vscode.LogOutputChannel;
let client: LanguageClient | undefined;
/** Serialises start/stop so a burst of restarts never runs two servers. */
let lifecycle: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('slopguard', { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('slopguard.restartServer', () => restart()),
    vscode.commands.registerCommand('slopguard.showOutput', () => {
      output.show(true);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      switch (actionForConfigChange((section) => event.affectsConfiguration(section))) {
        case 'restart':
          void restart();
          break;
        case 'push':
          void pushConfiguration();
          break;
        case 'none':
          break;
      }
    }),
  );
  return restart();
}

export function deactivate(): Promise<void> {
  return enqueue(stopClient);
}

function workspaceFolder(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/** The server configuration from the current settings; problems go to the output channel. */
function currentServerConfig(): ServerConfig {
  const { config, problems } = toServerConfig(vscode.workspace.getConfiguration('slopguard'), {
    workspaceFolder: workspaceFolder(),
    homeDir: os.homedir(),
  });
  for (const problem of problems) {
    output.warn(problem);
  }
  return config;
}

function enqueue(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

function restart(): Promise<void> {
  return enqueue(async () => {
    await stopClient();
    await startClient();
  });
}

async function stopClient(): Promise<void> {
  const running = client;
  client = undefined;
  if (running === undefined) {
    return;
  }
  try {
    await running.stop(2000);
  } catch (error) {
    output.warn(`Stopping the server failed: ${String(error)}`);
  }
  await running.dispose().catch(() => undefined);
}

async function startClient(): Promise<void> {
  const resolution = resolveServerBinary({
    configuredPath: vscode.workspace.getConfiguration('slopguard').get('path'),
    env: process.env,
    platform: process.platform,
    homeDir: os.homedir(),
    workspaceFolder: workspaceFolder(),
    probe: nodeFileProbe,
  });
  if (resolution.kind !== 'found') {
    const message = missingBinaryMessage(resolution) ?? 'slopguard: server binary not found.';
    output.error(message);
    if (resolution.kind === 'not-found') {
      output.info(`Looked in: ${resolution.searched.join(', ') || '(PATH is empty)'}`);
    }
    void vscode.window.showErrorMessage(message, OPEN_SETTINGS, SHOW_OUTPUT).then((choice) => {
      if (choice === OPEN_SETTINGS) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'slopguard.path');
      } else if (choice === SHOW_OUTPUT) {
        output.show(true);
      }
    });
    return;
  }
  output.info(`Starting ${resolution.path} lsp (found via ${resolution.source}).`);

  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    initializationOptions: () => currentServerConfig(),
    outputChannel: output,
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES_GLOB),
    },
    middleware: {
      workspace: {
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) {
            return answers;
          }
          return answerConfigurationItems(
            params.items.map((item) => item.section),
            answers,
            currentServerConfig,
          );
        },
      },
    },
  };
  const command = serverCommand(resolution.path, workspaceFolder());
  try {
    client = new LanguageClient('slopguard', 'slopguard', command, clientOptions);
    await client.start();
  } catch (error) {
    client = undefined;
    const message = `slopguard: the language server failed to start (${resolution.path} lsp): ${String(error)}`;
    output.error(message);
    void vscode.window.showErrorMessage(message, SHOW_OUTPUT, OPEN_SETTINGS).then((choice) => {
      if (choice === SHOW_OUTPUT) {
        output.show(true);
      } else if (choice === OPEN_SETTINGS) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'slopguard');
      }
    });
  }
}

/** Sends the settings to the running server as `workspace/didChangeConfiguration`. */
async function pushConfiguration(): Promise<void> {
  const running = client;
  if (running === undefined || !running.isRunning()) {
    return;
  }
  try {
    await running.sendNotification(DidChangeConfigurationNotification.type, {
      settings: currentServerConfig(),
    });
  } catch (error) {
    output.warn(`Sending the new settings to the server failed: ${String(error)}`);
  }
}
