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

/**
 * Files whose install commands (`pip install x`, `npm i x`, `cargo add x`...) the server checks,
 * exactly as it recognises them by name (crates/supply/src/deps/install_commands.rs): Markdown
 * and assistant instruction files (`AGENTS.md`, `CLAUDE.md`, `.cursorrules`,
 * `.github/copilot-instructions.md`), shell scripts, Dockerfiles, Makefiles and GitHub workflows.
 * Selected by pattern rather than language id: VS Code gives `.cursorrules` no language, and the
 * `yaml` language would send every YAML file, not only workflows. They do not activate the
 * extension: nearly every repository has a README.
 */
export const INSTALL_COMMAND_GLOBS = [
  '**/*.md',
  '**/*.markdown',
  // `**` of some glob implementations skips dot folders; this file is read by name.
  '**/.github/copilot-instructions.md',
  '**/.cursorrules',
  '**/*.{sh,bash}',
  '**/{Dockerfile,dockerfile,Containerfile,containerfile}',
  '**/{Dockerfile,dockerfile}.*',
  '**/*.dockerfile',
  '**/{Makefile,makefile,GNUmakefile}',
  '**/*.mk',
  '**/.github/workflows/*.{yml,yaml}',
] as const;

/** The shape of a `vscode-languageclient` document filter, without importing it. */
export type DocumentFilter =
  | { scheme: string; language: string }
  | { scheme: string; pattern: string };

/**
 * Source files on disk and unsaved (untitled) buffers, so a pasted suggestion is checked before
 * it is saved; manifests and files of install commands only on disk, where the server can find
 * the project around them (and tell a Dockerfile from a README by its name).
 */
export function documentSelector(): DocumentFilter[] {
  const filters: DocumentFilter[] = [];
  for (const language of LANGUAGE_IDS) {
    filters.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  for (const pattern of [...MANIFEST_GLOBS, ...INSTALL_COMMAND_GLOBS]) {
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
