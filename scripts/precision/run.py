#!/usr/bin/env python3
"""The real-code precision suite: slopguard on pinned releases of real projects.

Fetches each archive in projects.json from its registry (PyPI, npm, crates.io), checks its digest,
unpacks it (no code of it runs), runs `slopguard check` on it and compares every code finding with
the reviewed list in reviewed.json. A finding nobody reviewed fails the run: review it (true or
false positive, with a reason) and add it, or fix the rule. Also prints the lines scanned and the
findings per 20k lines of shipped code (the target is at most one unreviewed finding per 20k).

    python3 scripts/precision/run.py [--slopguard PATH] [--cache DIR] [--update]

--update writes the findings of this run that are not reviewed yet into reviewed.json with the
verdict "unreviewed", for a person to fill in; it never marks anything reviewed. Needs network
access to the three registries only; the archives are cached (default: target/precision).
"""

import argparse
import base64
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CODE = {".py", ".pyi", ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".rs"}
VERDICTS = {"true-positive", "false-positive", "debatable"}
COLUMNS = {"true-positive": "true", "debatable": "debat.", "false-positive": "false", "unreviewed": "unrev."}


def fetch(project, cache):
    """The archive's bytes, from the cache or the registry, after checking its digest."""
    path = cache / Path(project["url"]).name
    if path.exists():
        data = path.read_bytes()
    else:
        request = urllib.request.Request(project["url"], headers={"User-Agent": "slopguard-precision"})
        with urllib.request.urlopen(request, timeout=120) as response:
            data = response.read()
    if "sha256" in project:
        ok = hashlib.sha256(data).hexdigest() == project["sha256"]
    else:
        ok = base64.b64encode(hashlib.sha512(data).digest()).decode() == project["sha512"]
    if not ok:
        sys.exit(f"{project['name']}: the archive does not match its pinned digest")
    cache.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


def unpack(data, target):
    """Regular files and directories only, never outside `target` (tarfile's data filter)."""
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        members = [m for m in archive.getmembers() if m.isfile() or m.isdir()]
        archive.extractall(target, members=members, filter="data")


def count_lines(tree):
    total = 0
    for path in tree.rglob("*"):
        if path.suffix in CODE and path.is_file():
            with path.open("rb") as f:
                total += sum(1 for _ in f)
    return total


def check(slopguard, tree):
    run = subprocess.run(
        [slopguard, "check", ".", "--no-package-checks", "--format", "json"],
        cwd=tree, capture_output=True, text=True, timeout=600,
    )
    if run.returncode not in (0, 1, 3):
        sys.exit(f"slopguard failed on {tree} ({run.returncode}):\n{run.stderr}")
    # Exit 1 is what CI sees with the defaults (`fail-on = warning`): a finding at or above it;
    # exit 3, some file was not analysed in full (CI fails on that too).
    return json.loads(run.stdout), run.returncode != 0


def key(finding):
    return (finding["project"], finding["path"], finding["line"], finding["rule"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slopguard", default=str(ROOT / "target" / "release" / "slopguard"))
    parser.add_argument("--cache", default=str(ROOT / "target" / "precision"))
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args()
    cache = Path(args.cache)
    # `check` runs inside each unpacked tree, so a relative --slopguard must be made absolute here.
    slopguard = str(Path(args.slopguard).resolve())
    projects = json.loads((HERE / "projects.json").read_text())["projects"]
    reviewed_path = HERE / "reviewed.json"
    reviewed = json.loads(reviewed_path.read_text())["findings"]
    known = {key(f): f for f in reviewed}

    found, lines, summary = [], 0, []
    for project in projects:
        tree = cache / "src" / f"{project['name']}-{project['version']}"
        if not tree.exists():
            unpack(fetch(project, cache), tree)
        project_lines = count_lines(tree)
        lines += project_lines
        started = time.monotonic()
        report, fails_ci = check(slopguard, tree)
        seconds = time.monotonic() - started
        project_found = []
        for f in report["findings"]:
            if f.get("category", "insecure-code") != "insecure-code":
                continue
            # Paths inside the archive's top directory, the same whatever the cache location.
            project_found.append({
                "project": project["name"],
                "path": f["path"],
                "line": f["range"]["start"]["line"],
                "rule": f["rule"],
                "message": f["message"],
                "severity": f["severity"],
            })
        found += project_found
        # With `fail-on = error`, only errors fail CI (the code findings are all there is here).
        fails_on_error = any(f["severity"] == "error" for f in project_found)
        summary.append((project, project_lines, project_found, fails_ci, fails_on_error, seconds))

    new = [f for f in found if key(f) not in known or known[key(f)].get("verdict") not in VERDICTS]
    seen = {key(f) for f in found}
    gone = [f for f in reviewed if key(f) not in seen]

    def tally(findings):
        counts = dict.fromkeys(COLUMNS, 0)
        for f in findings:
            counts[known.get(key(f), {}).get("verdict", "unreviewed")] += 1
        return counts

    header = " ".join(f"{label:>6}" for label in COLUMNS.values())
    print(f"{'project':<13} {'version':<8} {'lines':>7} {'found':>6} {header} {'fails CI':>8} "
          f"{'at error':>8} {'seconds':>7}")
    for project, project_lines, project_found, fails_ci, fails_on_error, seconds in summary:
        counts = " ".join(f"{n:>6}" for n in tally(project_found).values())
        print(f"{project['name']:<13} {project['version']:<8} {project_lines:>7} {len(project_found):>6} "
              f"{counts} {'yes' if fails_ci else 'no':>8} {'yes' if fails_on_error else 'no':>8} "
              f"{seconds:>7.1f}")
    counts = tally(found)
    reviewed_count = len(found) - counts["unreviewed"]
    print(f"total: {lines} lines of code, {len(found)} findings "
          f"({', '.join(f'{n} {COLUMNS[v]}' for v, n in counts.items())}); "
          f"false alarms {counts['false-positive'] * 100 / max(reviewed_count, 1):.1f}% of reviewed; "
          f"{len(new)} unreviewed = {len(new) * 20000 / max(lines, 1):.2f} per 20k lines; "
          f"CI fails on {sum(1 for s in summary if s[3])} of {len(summary)} projects with the defaults "
          f"(fail-on = warning), on {sum(1 for s in summary if s[4])} with fail-on = error")
    # The findings that fail CI with the defaults; `info` and `hint` ones (review prompts) do not.
    failing = tally([f for f in found if f["severity"] in ("warning", "error")])
    print(f"at warning or error: {sum(failing.values())} findings "
          f"({', '.join(f'{n} {COLUMNS[v]}' for v, n in failing.items())})")
    for f in new:
        print(f"UNREVIEWED {f['project']}/{f['path']}:{f['line']} {f['rule']}: {f['message']}")
    for f in gone:
        print(f"no longer reported (remove from reviewed.json): {f['project']}/{f['path']}:{f['line']} {f['rule']}")

    if args.update:
        merged = [f for f in reviewed if key(f) in seen]
        for f in new:
            if key(f) not in known:
                entry = {k: v for k, v in f.items() if k != "severity"}
                merged.append({**entry, "verdict": "unreviewed", "reason": ""})
        merged.sort(key=key)
        reviewed_path.write_text(json.dumps({"findings": merged}, indent=1, ensure_ascii=False) + "\n")
    return 1 if new or gone else 0


if __name__ == "__main__":
    sys.exit(main())
