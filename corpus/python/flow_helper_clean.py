"""Ops helpers that quote, check or wrap a value in a small local function before it reaches a
shell: what the helper guarantees about its result (quoted, built from constants, the caller's
allow-listed value passed through) must survive the call."""
import os
import shlex
import subprocess

ALLOWED_BRANCHES = {"main", "release"}


def shell_quoted(value):
    return shlex.quote(value)


def shell_trimmed(value):
    return value.strip()


def remote_branch(branch):
    return f"origin/{branch}"


def job_command(job):
    return "run-job --name " + job


def archive_logs(archive):
    # ok: python.os-system
    os.system("tar czf " + shell_quoted(archive) + " /var/log/app")


def archive_logs_trimmed(archive):
    # ruleid: python.os-system
    os.system("tar czf " + shell_trimmed(archive) + " /var/log/app")


def deploy(branch):
    if branch not in ALLOWED_BRANCHES:
        raise ValueError(f"unknown branch {branch}")
    # ok: python.os-system
    os.system("git checkout " + remote_branch(branch))


def deploy_any(branch):
    # ruleid: python.os-system
    os.system("git checkout " + remote_branch(branch))


def nightly():
    # ok: python.subprocess-shell
    subprocess.run(job_command("nightly"), shell=True, check=True)


def on_demand(job):
    # ruleid: python.subprocess-shell
    subprocess.run(job_command(job), shell=True, check=True)
