# A map over several iterables calls the function with an element of each: what the second
# iterable holds reaches the second parameter.
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from flask import Flask, jsonify, request

app = Flask(__name__)
pool = ThreadPoolExecutor(max_workers=4)
ARCHIVE = Path("/srv/kb")


def grep_file(path, pattern):
    text = path.read_text(encoding="utf-8")
    # ruleid: python.regex-injection
    return [line for line in text.splitlines() if re.search(pattern, line)]


def probe(port, host):
    # ruleid: python.argument-injection
    return subprocess.run(["ssh", "-p", port, host, "true"], check=False).returncode


def probe_fixed(port, host):
    # ok: python.argument-injection
    return subprocess.run(["ssh", "-p", port, "--", host, "true"], check=False).returncode


def count_lines(path, marker):
    # ok: python.regex-injection
    return sum(1 for line in path.read_text().splitlines() if re.search(marker, line))


@app.get("/grep")
def grep():
    pattern = request.args.get("pattern", "")
    files = sorted(ARCHIVE.glob("*.md"))
    hits = pool.map(grep_file, files, [pattern] * len(files))
    counts = pool.map(count_lines, files, [re.escape(pattern)] * len(files))
    return jsonify({"hits": list(hits), "counts": list(counts)})


@app.get("/probe")
def probe_ports():
    ports = ["22", "2222"]
    hosts = [request.args.get("host", "db.internal")] * len(ports)
    return jsonify({"up": list(map(probe, ports, hosts)), "fixed": list(map(probe_fixed, ports, hosts))})
