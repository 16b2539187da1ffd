#!/usr/bin/env python3
"""The real-repository registry suite: `slopguard check` with registry lookups on pinned releases.

Fetches the archives of projects.json and registry-projects.json from their registries (as
run.py does: digest checked, unpacked, no code of them runs), runs `slopguard check` on each with
the registry checks on, against the real PyPI, npm and crates.io, and:

- fails (exit 1) on any `registry.hallucinated-package` or `registry.typosquat` finding: on a
  maintained project's own releases every one is a false alarm;
- prints every other registry finding (risky, unverified, local-or-registry, versions) and the
  count of undeclared-import notes, for a person to review;
- measures the false-typosquat rate on real manifests: typosquat findings in manifests over the
  distinct registry names the projects' manifests declare (counted here by reading
  Cargo.toml, package.json, pyproject.toml and requirements*.txt; target at most 1%).

    python3 scripts/precision/registry.py [--slopguard PATH] [--cache DIR] [--cold]
        [--only NAME,...] [--report FILE]

Answers are cached in DIR/registry-cache (not the user's cache); --cold empties it first. Needs
network access to the three registries only; not part of `cargo test`.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run  # noqa: E402  (the precision suite: fetch and unpack)

FAILING = {"registry.hallucinated-package", "registry.typosquat"}
MANIFESTS = {"Cargo.toml", "package.json", "pyproject.toml"}
SKIPPED_DIRS = {"node_modules", "target", ".git", ".venv", "venv", "site-packages"}


def canonical(ecosystem, name):
    if ecosystem == "pypi":
        return re.sub(r"[-_.]+", "-", name).lower()
    if ecosystem == "crates.io":
        return name.replace("_", "-").lower()
    return name


def requirement_name(line):
    """The distribution a PEP 508 line names, or None (options, URLs, paths, comments)."""
    line = line.split("#", 1)[0].strip()
    if not line or line.startswith("-") or "://" in line.split(";", 1)[0].split("@", 1)[0]:
        return None
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
    return match.group(0) if match else None


def cargo_names(doc):
    tables = [doc, doc.get("workspace", {})]
    tables += list(doc.get("target", {}).values())
    for table in tables:
        for key in ("dependencies", "dev-dependencies", "build-dependencies"):
            for alias, spec in table.get(key, {}).items():
                if isinstance(spec, dict):
                    if any(k in spec for k in ("path", "git", "registry")) and "version" not in spec:
                        continue
                    if spec.get("workspace"):
                        continue
                    yield spec.get("package", alias)
                else:
                    yield alias


def npm_names(doc):
    for key in ("dependencies", "devDependencies", "peerDependencies", "optionalDependencies"):
        deps = doc.get(key)
        if not isinstance(deps, dict):
            continue
        for name, spec in deps.items():
            spec = str(spec)
            if spec.startswith(("file:", "link:", "workspace:", "git", "http", "github:")) or "/" in spec.split("@")[0] and not name.startswith("@"):
                continue
            yield name


def pyproject_names(doc):
    project = doc.get("project", {})
    lines = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        lines += extra
    for group in doc.get("dependency-groups", {}).values():
        lines += [g for g in group if isinstance(g, str)]
    for line in lines:
        name = requirement_name(line)
        if name:
            yield name
    poetry = doc.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies", {}), poetry.get("dev-dependencies", {})]
    tables += [g.get("dependencies", {}) for g in poetry.get("group", {}).values()]
    for table in tables:
        for name, spec in table.items():
            if name != "python" and not (isinstance(spec, dict) and ("path" in spec or "git" in spec)):
                yield name


def manifest_names(tree):
    """{(ecosystem, canonical name)} the manifests under `tree` declare from a registry."""
    names = set()
    for dirpath, dirnames, filenames in os.walk(tree):
        dirnames[:] = [d for d in dirnames if d not in SKIPPED_DIRS and not d.startswith(".")]
        for file in filenames:
            path = Path(dirpath) / file
            try:
                if file == "Cargo.toml":
                    found = [("crates.io", n) for n in cargo_names(tomllib.loads(path.read_text()))]
                elif file == "package.json":
                    found = [("npm", n) for n in npm_names(json.loads(path.read_text()))]
                elif file == "pyproject.toml":
                    found = [("pypi", n) for n in pyproject_names(tomllib.loads(path.read_text()))]
                elif file.startswith("requirements") and file.endswith(".txt"):
                    found = [("pypi", n) for n in map(requirement_name, path.read_text().splitlines()) if n]
                else:
                    continue
            except (ValueError, UnicodeDecodeError, AttributeError, TypeError):
                continue  # a fixture manifest that does not parse: slopguard reports nothing either
            names.update((eco, canonical(eco, n)) for eco, n in found)
    return names


def check(slopguard, tree, cache_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLOPGUARD_")}
    env["SLOPGUARD_CACHE_DIR"] = str(cache_dir)
    started = time.monotonic()
    result = subprocess.run(
        [slopguard, "check", ".", "--format", "json", "--exit-zero", "--allow-incomplete"],
        cwd=tree, capture_output=True, text=True, timeout=900, env=env,
    )
    seconds = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"slopguard failed on {tree} ({result.returncode}):\n{result.stderr}")
    return json.loads(result.stdout), result.stderr, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slopguard", default=str(run.ROOT / "target" / "release" / "slopguard"))
    parser.add_argument("--cache", default=str(run.ROOT / "target" / "precision"))
    parser.add_argument("--cold", action="store_true", help="empty the registry answer cache first")
    parser.add_argument("--only", default="", help="comma-separated project names")
    parser.add_argument("--report", help="write every registry and dependency finding here (JSON)")
    args = parser.parse_args()
    args.slopguard = str(Path(args.slopguard).resolve())
    cache = Path(args.cache).resolve()
    answers = cache / "registry-cache"
    if args.cold and answers.exists():
        shutil.rmtree(answers)
    projects = json.loads((HERE / "projects.json").read_text())["projects"]
    projects += json.loads((HERE / "registry-projects.json").read_text())["projects"]
    if args.only:
        wanted = set(args.only.split(","))
        projects = [p for p in projects if p["name"] in wanted]

    failures, review, everything = [], [], []
    declared_total, manifest_typosquats = set(), 0
    print(f"{'project':<16} {'version':<8} {'manifest names':>14} {'registry':>8} "
          f"{'undeclared':>10} {'seconds':>8}")
    for project in projects:
        tree = cache / "src" / f"{project['name']}-{project['version']}"
        if not tree.exists():
            run.unpack(run.fetch(project, cache), tree)
        declared = manifest_names(tree)
        declared_total |= {(project["name"], *d) for d in declared}
        report, stderr, seconds = check(args.slopguard, tree, answers)
        registry = [f for f in report["findings"] if f["rule"].startswith("registry.")]
        undeclared = [f for f in report["findings"] if f["rule"] == "deps.undeclared-import"]
        for f in registry + undeclared:
            f = {"project": project["name"], **f}
            everything.append(f)
            if f["rule"] in FAILING:
                failures.append(f)
                if Path(f["path"]).name in MANIFESTS or re.match(r"requirements.*\.txt$", Path(f["path"]).name):
                    manifest_typosquats += f["rule"] == "registry.typosquat"
            elif f["rule"].startswith("registry."):
                review.append(f)
        for line in stderr.splitlines():
            if "registry" in line or "could not" in line:
                review.append({"project": project["name"], "rule": "note", "path": "-",
                               "range": {"start": {"line": 0}}, "message": line})
        print(f"{project['name']:<16} {project['version']:<8} {len(declared):>14} "
              f"{len(registry):>8} {len(undeclared):>10} {seconds:>8.1f}")

    names = len(declared_total)
    rate = 100.0 * manifest_typosquats / max(names, 1)
    print(f"manifest names: {names} (distinct per project); typosquat findings in manifests: "
          f"{manifest_typosquats} = {rate:.2f}% (target at most 1%)")
    print(f"hallucinated-package or typosquat findings anywhere: {len(failures)} (must be 0)")
    for f in failures:
        print(f"FAIL {f['project']}/{f['path']}:{f['range']['start']['line']} {f['rule']}: {f['message']}")
    for f in review:
        print(f"REVIEW {f['project']}/{f['path']}:{f['range']['start']['line']} {f['rule']}: {f['message']}")
    if args.report:
        Path(args.report).write_text(json.dumps(everything, indent=1, ensure_ascii=False) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
