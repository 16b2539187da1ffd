"""A library module: its public helpers can be imported and called with anything."""
import subprocess


def run(command):
    # ruleid: python.subprocess-shell
    subprocess.run(command, shell=True, check=True)


def version():
    run("git describe --tags")
