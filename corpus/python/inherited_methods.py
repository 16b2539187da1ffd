"""Methods a class inherits from a class of the file it extends."""
import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


class Runner:
    def run_shell(self, command_line):
        # ruleid: python.subprocess-shell
        return subprocess.run(command_line, shell=True, capture_output=True).stdout


class PingRunner(Runner):
    def ping(self, host):
        return self.run_shell("ping -c 1 " + host)

    def ping_quoted(self, host):
        return self.run_shell("ping -c 1 " + shlex.quote(host))


@app.post("/ping")
def ping():
    return PingRunner().ping(request.form["host"])


@app.post("/ping/quoted")
def ping_quoted():
    return PingRunner().ping_quoted(request.form["host"])
