"""Release script: private helpers whose every call passes program constants run only the
program's commands; a helper fed an unknown value, or one other modules can import, does not."""
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _sh(command):
    print("+", command)
    # ok: python.subprocess-shell
    subprocess.run(command, shell=True, check=True, cwd=ROOT)


def _git(args):
    # ok: python.subprocess-shell
    return subprocess.check_output("git " + args, shell=True, text=True).strip()


def _sh_in(directory, command):
    # ruleid: python.subprocess-shell
    subprocess.run(command, shell=True, cwd=directory)


def build(version):
    wheel_dir = ROOT / "dist"
    _sh("python -m build --wheel --outdir " + str(wheel_dir))
    tag = _git("describe --tags --abbrev=0")
    _sh(f"git log {tag}..HEAD --oneline")
    _sh_in(ROOT, "twine check dist/*")
    _sh_in(ROOT, "git tag " + version)


def main():
    build(os.environ.get("VERSION", "0.0.0"))


if __name__ == "__main__":
    main()
