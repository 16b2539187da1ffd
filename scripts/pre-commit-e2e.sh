#!/usr/bin/env bash
# The pre-commit framework end to end, as a user sets it up: a fresh git repository whose
# .pre-commit-config.yaml points at this clone (a local path and its HEAD commit) and uses
# hook HOOK_ID. An insecure commit must be blocked; a clean one must pass.
#
#   scripts/pre-commit-e2e.sh HOOK_ID        (pre-commit on PATH; the commit HEAD is used)
#
# For the `-system` hooks, `slopguard` must be on PATH; the others build it with cargo.
set -euo pipefail
hook=${1:?usage: pre-commit-e2e.sh HOOK_ID}
root=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$root" rev-parse HEAD)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# pre-commit's own cache (the hook repository's clone and built environment) stays in here.
export PRE_COMMIT_HOME="$work/pre-commit-home"
# The hook must not reach a package registry from CI: the registry checks answer offline.
export SLOPGUARD_OFFLINE=1 SLOPGUARD_CACHE_DIR="$work/cache"

repo="$work/repo"
mkdir "$repo" && cd "$repo"
git init -q -b main
git config user.name ci && git config user.email ci@example.invalid && git config commit.gpgsign false
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: $hook
YAML
git add .pre-commit-config.yaml
git commit -q --no-verify -m "pre-commit config"
pre-commit install >/dev/null

printf 'import yaml\n\ndef load(text):\n    return yaml.load(text)\n' > app.py
git add app.py
if git commit -q -m "insecure" > "$work/blocked.log" 2>&1; then
  cat "$work/blocked.log"
  echo "FAIL ($hook): the insecure commit was not blocked" >&2
  exit 1
fi
grep -q "python.yaml-load" "$work/blocked.log" || {
  cat "$work/blocked.log"
  echo "FAIL ($hook): blocked, but not by slopguard's finding" >&2
  exit 1
}
echo "ok ($hook): the insecure commit was blocked by python.yaml-load"

printf 'import yaml\n\ndef load(text):\n    return yaml.safe_load(text)\n' > app.py
git add app.py
if ! git commit -q -m "clean" > "$work/passed.log" 2>&1; then
  cat "$work/passed.log"
  echo "FAIL ($hook): the clean commit was blocked" >&2
  exit 1
fi
echo "ok ($hook): the clean commit passed"
