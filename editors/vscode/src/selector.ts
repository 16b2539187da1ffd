/**
 * Which documents the language client sends to `slopguard lsp`, and which events activate the
 * extension. Source files are selected by VS Code language id; dependency manifests by file name,
 * since VS Code has no language id for them (and TOML has none without another extension).
 */

/** VS Code language ids of the source languages slopguard analyses. */
export const LANGUAGE_IDS = [
  'python',
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'rust',
] as const;

/** Dependency manifests slopguard reads for new, hallucinated or typosquatted packages. */
export const MANIFEST_GLOBS = [
  '**/Cargo.toml',
  '**/package.json',
  '**/requirements*.txt',
  '**/pyproject.toml',
] as const;

/** The shape of a `vscode-languageclient` document filter, without importing it. */
export type DocumentFilter =
  | { scheme: string; language: string }
  | { scheme: string; pattern: string };

/**
 * Source files on disk and unsaved (untitled) buffers, so a pasted suggestion is checked before
 * it is saved; manifests only on disk, where the server can find the project around them.
 */
export function documentSelector(): DocumentFilter[] {
  const filters: DocumentFilter[] = [];
  for (const language of LANGUAGE_IDS) {
    filters.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  for (const pattern of MANIFEST_GLOBS) {
    filters.push({ scheme: 'file', pattern });
  }
  return filters;
}

/** The `activationEvents` package.json must declare. */
export function activationEvents(): string[] {
  return [
    ...LANGUAGE_IDS.map((id) => `onLanguage:${id}`),
    ...MANIFEST_GLOBS.map((glob) => `workspaceContains:${glob}`),
  ];
}

/**
 * Files whose changes the server must hear about (`workspace/didChangeWatchedFiles`): its own
 * `slopguard.toml` and the manifests, which may be edited outside the editor (`cargo add`,
 * `npm install`, `pip freeze > requirements.txt`).
 */
export const WATCHED_FILES_GLOB =
  '**/{slopguard.toml,Cargo.toml,package.json,requirements*.txt,pyproject.toml}';
