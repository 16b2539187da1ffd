"""Operations endpoints and CLI helpers that shell out."""
import os
import shlex
import subprocess
import sys

from flask import Flask, request

app = Flask(__name__)
BACKUP_DIR = "/var/backups"
SCRIPT_DIR = os.path.dirname(os.path.abspath(__file__))


@app.route("/ping")
def ping():
    host = request.args["host"]
    # ruleid: python.os-system
    os.system("ping -c 1 " + host)


@app.route("/ping-quoted")
def ping_quoted():
    host = shlex.quote(request.args["host"])
    # ok: python.os-system
    os.system("ping -c 1 " + host)


def run_backup():
    target = os.path.join(BACKUP_DIR, "nightly.tar.gz")
    command = "tar czf " + target + " /srv/data"
    # ok: python.os-system
    os.system(command)


def rotate_logs():
    script = os.path.join(SCRIPT_DIR, "rotate.sh")
    # ok: python.subprocess-shell
    subprocess.run(f"bash {script} --keep 7", shell=True, check=True)


@app.route("/grep")
def grep_logs():
    pattern = request.form["pattern"]
    first = pattern
    second = first
    command = f"grep -r {second} /var/log/app"
    # ruleid: python.subprocess-shell
    return subprocess.check_output(command, shell=True)


@app.route("/grep-count")
def grep_count():
    limit = int(request.form["limit"])
    command = f"tail -n {limit} /var/log/app/current.log"
    # ok: python.subprocess-shell
    return subprocess.check_output(command, shell=True)


def convert(path):
    # ruleid: python.subprocess-shell
    subprocess.run("convert " + path + " out.png", shell=True)


@app.route("/convert")
def convert_upload():
    convert(request.args["path"])


def main():
    # ruleid: python.os-system
    os.system("du -sh " + sys.argv[1])


def main_fixed():
    # ok: python.os-system
    os.system("du -sh " + shlex.quote(sys.argv[1]))


def deploy(branch):
    # ruleid: python.os-system
    os.system(f"git checkout {branch}")
