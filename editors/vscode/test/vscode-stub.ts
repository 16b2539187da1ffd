/**
 * A stand-in for the `vscode` module, installed with `installVscodeStub()` before the extension
 * is imported: the APIs the extension calls record what they were given; every other API is a
 * callable, indexable no-op, enough for vscode-languageclient to load and run.
 */
import Module from 'node:module';

export interface Shown {
  message: string;
  items: string[];
}

/** What the stand-in recorded. */
export const seen = {
  errors: [] as Shown[],
  log: [] as string[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as unknown[][],
  configListeners: [] as ((event: { affectsConfiguration(s: string): boolean }) => void)[],
};
export const settings: Record<string, unknown> = {};
/** The button the fake user clicks on the next error notification. */
let nextChoice: string | undefined;

export function chooseOnNextError(choice: string | undefined): void {
  nextChoice = choice;
}

/** Any API the extension does not use in these paths: a callable, indexable no-op. */
function anything(): unknown {
  const target = function noop() {
    return undefined;
  };
  return new Proxy(target, {
    get: (_t, prop) => (prop === 'then' ? undefined : anything()),
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

function withFallback<T extends object>(known: T): T {
  return new Proxy(known, {
    get: (t, prop) => (prop in t ? (t as Record<string | symbol, unknown>)[prop] : anything()),
  });
}

const disposable = { dispose: () => undefined };
const channel = withFallback({
  info: (m: string) => seen.log.push(`info ${m}`),
  warn: (m: string) => seen.log.push(`warn ${m}`),
  error: (m: string) => seen.log.push(`error ${m}`),
  show: () => seen.log.push('show'),
  dispose: () => undefined,
});
const vscodeStub = withFallback({
  version: '1.91.0',
  window: withFallback({
    createOutputChannel: () => channel,
    showErrorMessage: (message: string, ...items: string[]) => {
      seen.errors.push({ message, items });
      const choice = nextChoice;
      nextChoice = undefined;
      return Promise.resolve(choice);
    },
  }),
  commands: withFallback({
    registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
      seen.commands.set(id, fn);
      return disposable;
    },
    executeCommand: (...args: unknown[]) => {
      seen.executed.push(args);
      return Promise.resolve();
    },
  }),
  workspace: withFallback({
    workspaceFolders: undefined,
    getConfiguration: (section: string) => ({
      get: (key: string) => settings[`${section}.${key}`],
    }),
    onDidChangeConfiguration: (listener: (typeof seen.configListeners)[number]) => {
      seen.configListeners.push(listener);
      return disposable;
    },
  }),
});

const moduleWithLoad = Module as unknown as {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
};
const originalLoad = moduleWithLoad._load.bind(Module);

/** Makes `require('vscode')` return the stand-in; returns the function that undoes it. */
export function installVscodeStub(): () => void {
  moduleWithLoad._load = (request, parent, isMain) =>
    request === 'vscode' ? vscodeStub : originalLoad(request, parent, isMain);
  return () => {
    moduleWithLoad._load = originalLoad;
  };
}

/** Lets pending promise callbacks and I/O callbacks run. */
export const settle = (): Promise<void> =>
  new Promise((resolve) => {
    setImmediate(resolve);
  });
