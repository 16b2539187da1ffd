"""Resident memory of `slopguard lsp` with many open documents, through the real binary.

Opens one document to warm the rules, reads VmRSS, opens N identical generated Python documents
(the shape of benches/support/samples.rs), waits for each one's publishDiagnostics, reads VmRSS,
closes them all and reads it again. Debug or release binary; no network (SLOPGUARD_OFFLINE=1).

    RULES=tests/fixtures/lsp-rules python3 scripts/lsp_memory.py target/debug/slopguard [N] [LINES]

SETTLE=seconds to wait before reading (default 2); TRIM=1 also calls malloc_trim(0) in the
server through gdb after closing (what the allocator could give back); REOPEN=1 opens N again.
See docs/benchmarks-lsp.md, "Memory of open documents".
"""
import json, os, subprocess, sys, threading, time, queue

binary = sys.argv[1]
n_docs = int(sys.argv[2]) if len(sys.argv) > 2 else 200
lines = int(sys.argv[3]) if len(sys.argv) > 3 else 1000

def block(i):
    return f'''
class Service{i}:
    """Loads and stores records for tenant {i}."""

    def __init__(self, session, cache=None):
        self.session = session
        self.cache = cache or {{}}

    def fetch(self, record_id: int) -> dict:
        if record_id in self.cache:
            return self.cache[record_id]
        row = self.session.execute("SELECT * FROM records WHERE id = %s", (record_id,)).fetchone()
        result = {{"id": row[0], "name": row[1].strip(), "tags": [t for t in row[2].split(",") if t]}}
        self.cache[record_id] = result
        return result

    def export(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            for key, value in sorted(self.cache.items()):
                handle.write(f"{{key}}\\t{{value['name']}}\\n")
        return len(self.cache)

def load_config_{i}(text):
    import yaml
    return yaml.load(text)
'''

def generate(n):
    text, i = "", 0
    while len(text.splitlines()) < n:
        for _ in range(max(1, min(200, n // 100))):
            text += block(i); i += 1
    return text

args = [binary, "lsp"]
if os.environ.get("RULES"):
    args += ["--rules", os.environ["RULES"]]
env = dict(os.environ, SLOPGUARD_OFFLINE="1")
p = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
msgs = queue.Queue()
def reader():
    while True:
        length = 0
        while True:
            line = p.stdout.readline()
            if not line:
                return
            line = line.strip()
            if not line:
                break
            if line.startswith(b"Content-Length:"):
                length = int(line.split(b":")[1])
        msgs.put(json.loads(p.stdout.read(length)))
threading.Thread(target=reader, daemon=True).start()

def send(m):
    b = json.dumps(m).encode()
    p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b); p.stdin.flush()

def rss():
    for l in open(f"/proc/{p.pid}/status"):
        if l.startswith("VmRSS:"):
            return int(l.split()[1])

def wait(pred, timeout=600):
    end = time.time() + timeout
    while time.time() < end:
        try:
            m = msgs.get(timeout=1)
        except queue.Empty:
            continue
        if pred(m):
            return m
    raise SystemExit("timeout")

send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "initializationOptions": {"onlyChangedLines": False}}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
# warm: one document, so rules are compiled before measuring
text = generate(lines)
def open_docs(prefix, n):
    uris = [f"file:///bench/{prefix}_{k}.py" for k in range(n)]
    pending = set(uris)
    for u in uris:
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": u, "languageId": "python", "version": 1, "text": text}}})
    while pending:
        m = wait(lambda m: m.get("method") == "textDocument/publishDiagnostics")
        pending.discard(m["params"]["uri"])
    return uris
def close_docs(uris):
    for u in uris:
        send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": u}}})
warm = open_docs("warm", 1)
time.sleep(1.5)
close_docs(warm)
time.sleep(1.0)
before = rss()
uris = open_docs("open", n_docs)
time.sleep(float(os.environ.get("SETTLE", "2")))
opened = rss()
close_docs(uris)
time.sleep(2.0)
closed = rss()
if os.environ.get("TRIM"):
    subprocess.run(["gdb", "-p", str(p.pid), "-batch", "-ex", "call (int)malloc_trim(0)"], capture_output=True)
    time.sleep(0.5)
    print(f"after malloc_trim(0): {rss()/1024:.1f} MiB")
print(f"text {len(text)} bytes; RSS {before/1024:.1f} MiB before, {opened/1024:.1f} MiB with {n_docs} open ({(opened-before)/n_docs:.0f} KiB each), {closed/1024:.1f} MiB after closing")
if os.environ.get("REOPEN"):
    uris = open_docs("again", n_docs)
    time.sleep(2)
    print(f"reopened: {rss()/1024:.1f} MiB")
send({"jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": None})
wait(lambda m: m.get("id") == 99)
send({"jsonrpc": "2.0", "method": "exit", "params": None})
p.wait()
