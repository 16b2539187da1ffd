//! Tokens of each input format, for the stable runner's "insert a token" mutation (libFuzzer
//! learns its own from comparisons). One list per format, kept on few lines on purpose.

pub const TOML: &[&str] = &[
    "[", "]", "[[", "]]", "=", "\"", "'", "\"\"\"", "'''", "{", "}", ",", ".", "\n", "#",
    "\\u00e9", "version", "name", "dependencies", "package", "workspace", "true", "git", "path",
];

pub const JSON: &[&str] = &[
    "{", "}", "[", "]", ":", ",", "\"", "\\\"", "\\u0000", "\\ud800", "null", "true",
    "\"dependencies\"", "\"devDependencies\"", "\"packages\"", "\"version\"", "\"resolved\"",
    "\"npm:", "\"workspace:*\"", "\"node_modules/",
];

pub const REQUIREMENTS: &[&str] = &[
    "==", ">=", "~=", "!=", "<", "[", "]", ";", "@", "-r ", "-c ", "--hash=sha256:", "#", "\\\n",
    " python_version < \"3.8\"", "git+https://", "-e ", "--index-url ", "\n",
];

pub const YARN: &[&str] = &[
    "# yarn lockfile v1\n", "__metadata:\n", "\"", ":\n", "  version ", "  resolved ",
    "  resolution: ", "@npm:", "@", ", ", "\n\n", "    ", "https://registry.yarnpkg.com/",
];

pub const PNPM: &[&str] = &[
    "lockfileVersion: '9.0'\n", "packages:\n", "\n  ", "  /", "@", "(", ")", ":\n", "'", "\"",
    "    resolution: {integrity: sha512-}\n", "snapshots:\n", "importers:\n",
];

pub const SHELL: &[&str] = &[
    "pip install ", "npm i ", "cargo add ", "yarn add ", "pnpm add ", "uv add ", "poetry add ",
    "RUN ", "```sh\n", "```\n", "~~~\n", "\\\n", "'", "\"", "&&", ";", "|", "$(", "`", "\t",
    "==", "@", "--registry ", "run: |\n",
];

pub const CODE: &[&str] = &[
    "eval(", "exec(", "(", ")", "{", "}", "[", "]", "\"", "'", "`", "${", "\n", ";", "=", ".",
    "import ", "require(", "fn ", "def ", "class ", "unsafe ", "#", "//", "/*", "*/", "\0",
    "\r", "\u{feff}", "# slopguard: ignore", "// slopguard-ignore",
];

pub const DIFF: &[&str] = &[
    "diff --git a/x b/x\n", "--- a/x\n", "+++ b/x\n", "+++ /dev/null\n",
    "+++ \"b/\\303\\251\\t.py\"\t\n", "@@ -1 +1 @@\n", "@@ -0,0 +1,3 @@\n",
    "@@ -4294967295,1 +4294967295,4294967295 @@", "\\ No newline at end of file\n", "\n+",
    "\n-", "\n ", "\t", "\"", "\\", "\\377",
];

pub const PATH: &[&str] = &[" ", "\t", "\"", "\\", "/", "\n", "é", "\u{7f}", "b/", "\\303", "\r"];

pub const LSP: &[&str] = &[
    "Content-Length: ", "content-length:", "Content-Type: application/vscode-jsonrpc\r\n",
    "\r\n", "\r\n\r\n", "\n", "\r", "0", "18446744073709551616",
    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
    "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":null}",
    "\u{feff}",
];
