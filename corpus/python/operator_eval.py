"""Code the person at the terminal typed still reaches eval: a calculator or a developer shell is a
Python shell for whoever can reach its input (sudo, a service, a web wrapper around the CLI), and
the file cannot tell who that is. Only constants are quiet."""
import argparse
import sys

from flask import Flask, request

app = Flask(__name__)
PRELUDE = "import math\nfrom decimal import Decimal\n"


def shell_command():
    parser = argparse.ArgumentParser()
    parser.add_argument("-c", "--command")
    options = parser.parse_args()
    if options.command:
        # ruleid: python.eval-exec
        exec(options.command, {})


def shell_stdin():
    # ruleid: python.eval-exec
    exec(sys.stdin.read(), {})


def ask_default():
    code = input(">>> ")
    # ruleid: python.eval-exec
    return eval(code, {}, {})


def first_argument():
    # ruleid: python.eval-exec
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


def fixed_prelude():
    # ok: python.eval-exec
    exec(PRELUDE, {})
