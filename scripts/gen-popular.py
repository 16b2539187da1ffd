#!/usr/bin/env python3
"""Regenerates the package lists slopguard compiles in (crates/supply/data/*.txt).

Usage (from the repository root):

    python3 scripts/gen-popular.py [--pypi PYPI_TSV] [--npm NPM_TSV] [--only-crates]

Inputs and what comes out:

- `pypi-popular.txt`: the most-downloaded PyPI projects, most popular first, from a TSV with the
  columns `name, version, month, rank_among_15000_most_downloaded, summary` (rows without a rank
  are not in the top 15,000 and are left out).
- `npm-popular.txt`: the 15,000 npm packages with the most downloads a month, from a TSV with the
  columns `name, version, downloads_a_month, summary`.
- `crates-known.txt`: crates ranked by how many `Cargo.lock` files of the pinned crates.io
  releases in `scripts/crates-lock-projects.json` (about 50 well-known applications and
  libraries; published crates carry their lockfile) name them from crates.io; then by how many
  published crates name them as a dependency (normal, dev, build and target-specific tables; a
  renamed dependency counts under its `package`) among the crate sources cargo keeps in
  `$CARGO_HOME/registry/src/*/` after `cargo fetch` of slopguard. A lockfile entry from the
  registry and a published crate's dependency are registry crates, so every name is shown to
  exist. The pinned crates, the crates of cargo's sparse-index cache (`registry/index/*/.cache`)
  and those the list already holds follow. Reproducible: the pinned archives are fetched by name,
  version and checksum (cached in `target/crates-lock-projects/`); no registry is crawled and no
  name is looked up. `--only-crates` regenerates this list alone.
- `python-stdlib.txt`: `sys.stdlib_module_names` of the running interpreter (3.9 or later) plus
  the modules other versions from 3.9 to 3.13 have (listed below, from the "What's New" pages).
- `node-builtins.txt`: `require("module").builtinModules` of the `node` on PATH.

It also checks that every distribution named in `python-import-map.tsv` is a PyPI project in
the PyPI TSV, and prints the ones that are not.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "crates" / "supply" / "data"
LIBRARY = Path("/work/.library/env/packages")

# Top-level modules that some Python from 3.9 to 3.13 has and 3.11 does not, so that the union
# holds whichever interpreter the checked code targets. Sources: the "What's New" documents.
OTHER_PYTHON_VERSIONS = [
    # 3.9 only: removed in 3.10.
    "_bootlocale", "_peg_parser", "formatter", "parser", "symbol",
    # 3.12 new private modules.
    "_pydatetime", "_pylong", "_wmi",
    # 3.13 new modules (private helpers of the new REPL, colour output and subinterpreters).
    "_android_support", "_apple_support", "_colorize", "_interpchannels", "_interpqueues",
    "_interpreters", "_ios_support", "_opcode_metadata", "_pyrepl", "_suggestions",
    "_sysconfig", "_testexternalinspection",
    # 3.14 (released after 3.13; code written for it already imports these).
    "annotationlib", "compression", "_zstd", "_remote_debugging",
]

# Not in any sys.stdlib_module_names, yet never a PyPI package: typeshed's stub-only module
# (imported under `if TYPE_CHECKING:`), and Python 2 standard modules that were renamed or
# removed in Python 3, which compatibility code still imports.
NEVER_PACKAGES = [
    "_typeshed",
    # Jython exposes Java packages as modules (`from java.lang import System`).
    "java", "javax", "org", "com",
    # IronPython and pythonnet expose .NET namespaces as modules (`import System`).
    "System",
    # Pyodide's built-in modules in the browser (`import js`, `import pyodide`).
    "js", "pyodide", "pyodide_js",
    "__builtin__", "_abcoll", "_winreg", "BaseHTTPServer", "CGIHTTPServer", "ConfigParser",
    "Cookie", "HTMLParser", "Queue", "SimpleHTTPServer", "SimpleXMLRPCServer", "SocketServer",
    "StringIO", "Tkinter", "UserDict", "UserList", "UserString", "anydbm", "commands",
    "cookielib", "copy_reg", "cPickle", "cStringIO", "dummy_thread", "_dummy_thread",
    "dummy_threading", "htmlentitydefs", "httplib", "md5", "mimetools", "new", "repr", "rfc822",
    "robotparser", "sets", "sha", "thread", "urllib2", "urlparse", "xmlrpclib", "exceptions",
    "imputil", "popen2", "sgmllib", "statvfs", "dircache", "mhlib", "multifile", "mutex",
    "htmllib", "user", "dbhash", "dumbdbm", "gdbm", "whichdb", "cPickle", "future_builtins",
]


def header_check(row, expected):
    if [c.split(" ")[0] for c in row[: len(expected)]] != expected:
        sys.exit(f"unexpected header {row[:len(expected)]}, expected {expected}")


def pypi(path, limit):
    ranked = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header_check(next(reader), ["name", "version", "month", "rank_among_15000_most_downloaded"])
        for row in reader:
            if len(row) > 3 and row[3].strip():
                ranked.append((int(row[3]), row[0]))
    ranked.sort()
    return [name for _, name in ranked[:limit]]


def pypi_all_names(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return {normalise(row[0]) for row in reader if row}


def normalise(name):
    import re
    return re.sub(r"[-_.]+", "-", name).lower()


def npm(path, limit):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header_check(next(reader), ["name", "version", "downloads_a_month"])
        for row in reader:
            if len(row) > 2 and row[2].strip().isdigit():
                rows.append((-int(row[2]), row[0]))
    rows.sort()
    return [name for _, name in rows[:limit]]


def crate_dependents(home):
    """How many crate sources in cargo's registry name each crate as a dependency, by the name
    the registry spells it (`-` and `_` as published)."""
    import tomllib
    counts = {}

    def names(table):
        out = set()
        for key in ("dependencies", "dev-dependencies", "build-dependencies"):
            for name, spec in (table.get(key) or {}).items():
                if isinstance(spec, dict):
                    name = spec.get("package", name)
                out.add(name)
        for target in (table.get("target") or {}).values():
            if isinstance(target, dict):
                out |= names(target)
        return out

    for manifest in (home / "registry" / "src").glob("*/*/Cargo.toml"):
        try:
            table = tomllib.loads(manifest.read_text())
        except (OSError, ValueError):
            continue
        for name in names(table):
            counts[name] = counts.get(name, 0) + 1
    return counts


def lockfile_counts(pins_path, cache):
    """How many of the pinned crates' Cargo.lock files name each crate from crates.io, by the
    name the registry spells it; and the pinned crates themselves. Each `.crate` is fetched once
    from static.crates.io into `cache` and checked against its pinned checksum; nothing of it is
    unpacked but Cargo.lock, read from the archive."""
    import hashlib
    import tarfile
    import tomllib
    import urllib.request
    pins = json.loads(Path(pins_path).read_text())["crates"]
    cache.mkdir(parents=True, exist_ok=True)
    counts, pinned = {}, set()
    for pin in pins:
        name, version = pin["name"], pin["version"]
        path = cache / f"{name}-{version}.crate"
        if not path.exists():
            url = f"https://static.crates.io/crates/{name}/{name}-{version}.crate"
            request = urllib.request.Request(url, headers={"User-Agent": "slopguard-gen-popular"})
            with urllib.request.urlopen(request, timeout=120) as response:
                path.write_bytes(response.read())
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != pin["sha256"]:
            sys.exit(f"{name} {version}: the archive does not match its pinned checksum")
        pinned.add(name)
        with tarfile.open(path, mode="r:gz") as archive:
            member = archive.getmember(f"{name}-{version}/Cargo.lock")
            lock = tomllib.loads(archive.extractfile(member).read().decode())
        named = {p["name"] for p in lock.get("package", [])
                 if p.get("source", "").startswith("registry+https://github.com/rust-lang/crates.io-index")
                 or p.get("source", "") == "sparse+https://index.crates.io/"}
        for crate in named:
            counts[crate] = counts.get(crate, 0) + 1
    return counts, pinned


def crates(pins_path):
    """Crates ranked by how many pinned crates' Cargo.lock files name them, then by dependents
    in cargo's registry (see the module doc); then the pinned crates, the sparse-index cache's
    crates and those the current list already holds: a crate once shown to exist stays listed
    when a later build no longer needs it (crates.io never deletes one)."""
    home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
    locks, pinned = lockfile_counts(pins_path, ROOT / "target" / "crates-lock-projects")
    dependents = crate_dependents(home)
    counts = {name: (locks.get(name, 0), dependents.get(name, 0))
              for name in set(locks) | set(dependents)}
    names = set(counts) | pinned
    for cache in (home / "registry" / "index").glob("*/.cache"):
        for entry in cache.rglob("*"):
            if entry.is_file() and not entry.name.startswith("."):
                names.add(entry.name)
    listed = DATA / "crates-known.txt"
    if listed.exists():
        names |= {l.strip() for l in listed.read_text().splitlines()
                  if l.strip() and not l.startswith("#")}
    # One spelling per crate (cargo treats `-` and `_` alike): the most named one.
    by_key = {}
    for name in names:
        key = name.lower().replace("_", "-")
        if key not in by_key or counts.get(name, (0, 0)) > counts.get(by_key[key], (0, 0)):
            by_key[key] = name
    return sorted(by_key.values(),
                  key=lambda n: (-counts.get(n, (0, 0))[0], -counts.get(n, (0, 0))[1], n))


def PINNED_COUNT(pins_path):
    return len(json.loads(Path(pins_path).read_text())["crates"])


def write(name, lines, comment):
    out = DATA / name
    out.write_text("".join(f"# {c}\n" for c in comment) + "".join(f"{l}\n" for l in lines))
    print(f"{out.relative_to(ROOT)}: {len(lines)} entries")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pypi", default=LIBRARY / "pypi.tsv")
    parser.add_argument("--npm", default=LIBRARY / "npm.tsv")
    parser.add_argument("--crates-pins", default=ROOT / "scripts" / "crates-lock-projects.json")
    parser.add_argument("--only-crates", action="store_true", help="regenerate crates-known.txt only")
    args = parser.parse_args()
    from datetime import date
    today = date.today().isoformat()
    found = crates(args.crates_pins)
    if found:
        write("crates-known.txt", found,
              [f"Crates ranked by how many Cargo.lock files of {PINNED_COUNT(args.crates_pins)} pinned crates.io releases",
               "(scripts/crates-lock-projects.json) name them, then by how many crate sources in cargo's",
               "registry name them as a dependency; then the pinned crates, crates of cargo's sparse-index",
               f"cache and of the previous list. Generated {today} by scripts/gen-popular.py."])
    if args.only_crates:
        return

    write("pypi-popular.txt", pypi(args.pypi, 15000),
          [f"The most-downloaded PyPI projects, most popular first. Generated {today} by",
           "scripts/gen-popular.py from a PyPI download ranking (top 15,000)."])
    write("npm-popular.txt", npm(args.npm, 15000),
          [f"The npm packages with the most downloads a month, most first. Generated {today}",
           "by scripts/gen-popular.py from the npm registry's download counts."])
    stdlib = set(sys.stdlib_module_names) | set(OTHER_PYTHON_VERSIONS) | set(NEVER_PACKAGES)
    write("python-stdlib.txt", sorted(stdlib),
          [f"Python top-level standard library modules: sys.stdlib_module_names of Python "
           f"{sys.version_info.major}.{sys.version_info.minor}",
           "plus the modules of other versions 3.9-3.14 and names that are never packages",
           "(see OTHER_PYTHON_VERSIONS and NEVER_PACKAGES in scripts/gen-popular.py)."])
    node = subprocess.run(["node", "-e", 'console.log(require("module").builtinModules.join("\\n"))'],
                          capture_output=True, text=True, check=True).stdout.split()
    write("node-builtins.txt", sorted(set(node)),
          [f"Node.js builtin modules: require('module').builtinModules of node "
           f"{subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}."])

    known = pypi_all_names(args.pypi)
    missing = []
    for line in (DATA / "python-import-map.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            module, dist = line.split("\t")
            if normalise(dist) not in known:
                missing.append(dist)
    print(f"import map distributions not in the PyPI list: {missing or 'none'}")


if __name__ == "__main__":
    main()
