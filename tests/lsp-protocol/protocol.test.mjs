// Protocol-level tests of `slopguard lsp` with an independent client (vscode-jsonrpc).
//
// Run: cargo build --bin slopguard && cd tests/lsp-protocol && npm ci && node --test
// SLOPGUARD_BIN overrides the binary (default: ../../target/debug/slopguard).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  CancellationTokenSource,
} from "vscode-jsonrpc/node.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const BIN = process.env.SLOPGUARD_BIN
  ? path.resolve(process.env.SLOPGUARD_BIN)
  : path.join(root, "target/debug/slopguard");
const RULES = path.join(root, "tests/fixtures/lsp-rules");
const YAML_RULE = "python.fixture-yaml-load";

/** Starts the server and initializes it; collects diagnostics and log messages. */
async function start(t, settings = { onlyChangedLines: false }) {
  // The registry checks must never reach the internet from a test: offline, with a cache of
  // the test's own.
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "slopguard-cache-"));
  t.after(() => fs.rmSync(cache, { recursive: true, force: true }));
  const child = spawn(BIN, ["lsp", "--no-builtin-rules", "--rules", RULES], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, SLOPGUARD_OFFLINE: "1", SLOPGUARD_CACHE_DIR: cache },
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const published = []; // every publishDiagnostics, in arrival order
  const logs = [];
  const waiters = new Set();
  const notify = () => waiters.forEach((w) => w());
  connection.onNotification("textDocument/publishDiagnostics", (p) => {
    published.push(p);
    notify();
  });
  connection.onNotification("window/logMessage", (p) => {
    logs.push(p);
    notify();
  });
  connection.onNotification("window/showMessage", (p) => logs.push(p));
  connection.onRequest("client/registerCapability", () => null);
  connection.onError(() => {}); // the malformed-input test provokes id-less error responses
  connection.listen();
  const server = {
    child,
    connection,
    published,
    logs,
    exited,
    stderr: () => stderr,
    /** Resolves when `predicate()` holds, checked after every notification. */
    until(what, predicate, ms = 20000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const value = predicate();
          if (value) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(value);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    open(uri, text, version = 1, languageId = "python") {
      return connection.sendNotification("textDocument/didOpen", {
        textDocument: { uri, languageId, version, text },
      });
    },
    state(uri) {
      return connection.sendRequest("slopguard/documentState", { uri });
    },
  };
  t.after(() => {
    connection.dispose();
    child.kill();
  });
  const init = await connection.sendRequest("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: settings,
  });
  assert.equal(init.capabilities.textDocumentSync.change, 2, "incremental sync");
  await connection.sendNotification("initialized", {});
  return server;
}

const uriFor = (name) => `file:///nonexistent-slopguard-test/${name}`;

test("1,000 rapid edits are applied in order, with UTF-16 columns", async (t) => {
  const s = await start(t);
  const uri = uriFor("stress.py");
  await s.open(uri, "");
  let expected = "";
  let column = 0; // UTF-16 length of line 0
  const sends = [];
  for (let i = 0; i < 1000; i++) {
    const ch = i % 10 === 0 ? "😀" : i % 7 === 0 ? "é" : String.fromCharCode(97 + (i % 26));
    sends.push(
      s.connection.sendNotification("textDocument/didChange", {
        textDocument: { uri, version: i + 2 },
        contentChanges: [{ range: { start: { line: 0, character: column }, end: { line: 0, character: column } }, text: ch }],
      }),
    );
    expected += ch;
    column += ch.length; // JS string length counts UTF-16 units
  }
  const tail = "\nimport yaml\ncfg = yaml.load(x)\n";
  sends.push(
    s.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: 1002 },
      contentChanges: [{ range: { start: { line: 0, character: column }, end: { line: 0, character: column } }, text: tail }],
    }),
  );
  await Promise.all(sends);
  const state = await s.state(uri);
  assert.equal(state.version, 1002);
  assert.equal(state.text, expected + tail, "every edit applied, in order");
  const last = await s.until("diagnostics for version 1002", () =>
    s.published.find((p) => p.uri === uri && p.version === 1002),
  );
  assert.equal(last.diagnostics.length, 1);
  const d = last.diagnostics[0];
  assert.equal(d.code, YAML_RULE);
  assert.equal(d.source, "slopguard");
  assert.deepEqual(d.range.start, { line: 2, character: 6 });
  assert.match(d.codeDescription.href, /#python\.fixture-yaml-load$/);
  const versions = s.published.filter((p) => p.uri === uri).map((p) => p.version);
  assert.deepEqual([...versions].sort((a, b) => a - b), versions, "publishes in version order");
  assert.ok(versions.length < 50, `a burst coalesces into few analyses, got ${versions.length}`);
});

test("diagnostics of an old version are never published after a newer one", async (t) => {
  const s = await start(t);
  const uri = uriFor("stale.py");
  const insecure = "import yaml\nv = yaml.load(x)\n";
  const secure = "import yaml\nv = yaml.safe_load(x)\n";
  await s.open(uri, insecure);
  for (let round = 0; round < 5; round++) {
    const sends = [];
    for (let v = 2; v <= 40; v++) {
      const version = round * 100 + v;
      sends.push(
        s.connection.sendNotification("textDocument/didChange", {
          textDocument: { uri, version },
          contentChanges: [{ text: version % 2 ? insecure : secure }],
        }),
      );
    }
    await Promise.all(sends);
    const final = round * 100 + 40; // even: the secure text
    const p = await s.until(`publish of ${final}`, () =>
      s.published.find((p) => p.uri === uri && p.version === final),
    );
    assert.equal(p.diagnostics.length, 0, "the newest text is secure");
  }
  await new Promise((r) => setTimeout(r, 300));
  const versions = s.published.filter((p) => p.uri === uri).map((p) => p.version);
  for (let i = 1; i < versions.length; i++) {
    assert.ok(versions[i] > versions[i - 1], `publish order ${versions.join(",")}`);
  }
  assert.equal(versions.at(-1), 440, "nothing published after the newest version");
});

test("$/cancelRequest cancels a request waiting on a long analysis", async (t) => {
  const s = await start(t);
  // A project whose size limit admits a 4 MB file: analysing it takes seconds (a file over the
  // default limit would be skipped at once, and the request answered before the cancel arrives).
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "slopguard-cancel-"));
  t.after(() => fs.rmSync(project, { recursive: true, force: true }));
  fs.writeFileSync(path.join(project, "slopguard.toml"), "max-file-size = 8000000\n");
  const uri = pathToFileURL(path.join(project, "big.py")).href;
  const lines = 66000;
  const big = "import yaml\n" + "x = yaml.load(data)  # legacy code, padded out to a long line\n".repeat(lines);
  assert.ok(big.length > 4_000_000 && big.length < 8_000_000);
  await s.open(uri, big);
  const source = new CancellationTokenSource();
  const pending = s.connection.sendRequest(
    "textDocument/codeAction",
    {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      context: { diagnostics: [] },
    },
    source.token,
  );
  source.cancel();
  await assert.rejects(pending, (e) => e.code === -32800, "RequestCancelled");
  const state = await s.state(uri);
  assert.equal(state.version, 1, "the server still answers");
  const p = await s.until("diagnostics of the 4 MB file", () => s.published.find((p) => p.uri === uri), 120000);
  // Every line is a finding when analysis finishes within its work limits; where it stops early,
  // a publish still comes (not a hang), with a note on line 1 saying the analysis is incomplete.
  assert.equal(p.version, 1);
  const notes = p.diagnostics.filter((d) => d.code === "slopguard.analysis-incomplete");
  const findings = p.diagnostics.length - notes.length;
  assert.ok(
    findings === lines ? notes.length === 0 : notes.length >= 1 && notes[0].range.start.line === 0,
    `${findings} findings, ${notes.length} incomplete-analysis notes`,
  );
  t.diagnostic(`4 MB file: ${findings} findings, ${notes.length} incomplete-analysis notes`);
});

test("malformed input is answered or logged, never fatal", async (t) => {
  const s = await start(t);
  const raw = (body) => {
    const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
    s.child.stdin.write(`Content-Length: ${bytes.length}\r\n\r\n`);
    s.child.stdin.write(bytes);
  };
  raw("{ this is not json");
  raw(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])); // invalid UTF-8
  s.child.stdin.write("X-Nonsense: 1\r\n\r\n{}");
  raw(JSON.stringify({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { wrong: true } }));
  await assert.rejects(s.connection.sendRequest("slopguard/noSuchMethod", {}), (e) => e.code === -32601);
  const malformedLogs = await s.until("three malformed messages logged", () => {
    const found = s.logs.filter((l) => l.message.includes("malformed message ignored"));
    return found.length === 3 && found;
  });
  assert.match(malformedLogs.map((l) => l.message).join("\n"), /not JSON[^]*not UTF-8[^]*without Content-Length/);
  await s.connection.sendNotification("slopguard/noSuchNotification", {});

  const ghost = uriFor("never-opened.py");
  await s.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri: ghost, version: 2 },
    contentChanges: [{ text: "x" }],
  });
  await s.until("a log about the unopened document", () =>
    s.logs.find((l) => l.message.includes("unopened document")),
  );
  const uri = uriFor("ranges.py");
  await s.open(uri, "ab\ncd");
  await s.connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version: 2 },
    contentChanges: [
      { range: { start: { line: 9, character: 0 }, end: { line: 12, character: 4 } }, text: "!" },
      { range: { start: { line: 0, character: 99 }, end: { line: 0, character: 1 } }, text: "?" },
    ],
  });
  const state = await s.state(uri);
  assert.equal(state.text, "ab?\ncd!", "past-the-end ranges clamp, an inverted range is empty");
  assert.equal(await s.state(ghost), null);
  assert.equal(s.child.exitCode, null, "still running");
});

test("shutdown and exit are honoured promptly", async (t) => {
  const s = await start(t);
  await s.open(uriFor("a.py"), "import yaml\nyaml.load(x)\n");
  await s.connection.sendRequest("shutdown");
  const started = Date.now();
  await s.connection.sendNotification("exit");
  const { code } = await s.exited;
  assert.equal(code, 0);
  assert.ok(Date.now() - started < 2000, "exited within 2 s");
});

test("settings: severity overrides and enable apply without a restart", async (t) => {
  const s = await start(t, { onlyChangedLines: false, severityOverrides: { [YAML_RULE]: "hint" } });
  const uri = uriFor("settings.py");
  await s.open(uri, "import yaml\nv = yaml.load(x)\n");
  const first = await s.until("first publish", () => s.published.find((p) => p.uri === uri && p.diagnostics.length));
  assert.equal(first.diagnostics[0].severity, 4, "hint");
  await s.connection.sendNotification("workspace/didChangeConfiguration", {
    settings: { slopguard: { severityOverrides: { [YAML_RULE]: "off" } } },
  });
  await s.until("the rule turned off", () => {
    const last = s.published.filter((p) => p.uri === uri).at(-1);
    return last && last.diagnostics.length === 0;
  });
  await s.connection.sendNotification("workspace/didChangeConfiguration", {
    settings: { severityOverrides: {}, extraRuleDirs: ["/nonexistent/rules"] },
  });
  await s.until("an error about the rule directory", () =>
    s.logs.find((l) => l.type === 1 && l.message.includes("rules not reloaded")),
  );
  await s.until("the rule back on", () => {
    const last = s.published.filter((p) => p.uri === uri).at(-1);
    return last && last.diagnostics.length === 1 && last.diagnostics[0].severity === 1;
  });
});
