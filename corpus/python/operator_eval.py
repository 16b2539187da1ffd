"""A developer shell, a migration prompt and a calculator: code the person at the terminal typed
runs on purpose (they can run Python already); code from a request or of unknown origin does not."""
import argparse
import sys

from flask import Flask, request

app = Flask(__name__)


def shell_command():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--command")
    options = parser.parse_args()
    if options.command:
        # ok: python.eval-exec
        exec(options.command, {})


def shell_stdin():
    # ok: python.eval-exec
    exec(sys.stdin.read(), {})


def ask_default():
    code = input(">>> ")
    # ok: python.eval-exec
    return eval(code, {}, {})


def first_argument():
    # ok: python.eval-exec
    return eval(sys.argv[1])


def with_prelude(prelude):
    code = input(">>> ")
    # ruleid: python.eval-exec
    exec(prelude + code)


def stored_expression(row):
    # ruleid: python.eval-exec
    return eval(row["formula"])


@app.route("/calc")
def calc():
    expression = request.args["expr"]
    # ruleid: python.eval-exec
    return str(eval(expression))
