"""A small 'agent' that lets the model compute things, and a calculator endpoint."""
import ast

from anthropic import Anthropic
from flask import Flask, request

app = Flask(__name__)
client = Anthropic()
DEFAULT_EXPRESSION = "1 + 1"


def ask_model(question):
    reply = client.messages.create(
        model="claude-sonnet-4-5",
        max_tokens=200,
        messages=[{"role": "user", "content": question}],
    )
    return reply.content[0].text


def solve(question):
    code = ask_model(question)
    # ruleid: python.eval-exec
    return eval(code)


def solve_safely(question):
    code = ask_model(question)
    # ok: python.eval-exec
    return ast.literal_eval(code)


@app.route("/calc")
def calc():
    expression = request.args["e"]
    # ruleid: python.eval-exec
    return str(eval(expression))


def default_value():
    expression = DEFAULT_EXPRESSION
    # ok: python.eval-exec
    return eval(expression)


def run_plugin_hook(name):
    source = "def hook():\n    return " + repr(name.isidentifier()) + "\n"
    namespace = {}
    # ok: python.eval-exec
    exec("value = 40 + 2", namespace)
    return source, namespace


def agent_step(task):
    reply = client.messages.create(
        model="claude-sonnet-4-5", max_tokens=500, messages=[{"role": "user", "content": task}]
    )
    script = reply.content[0].text
    cleaned = script.strip("`")
    # ruleid: python.eval-exec
    exec(cleaned, {})


def parse_number(text):
    value = int(text)
    # ok: python.eval-exec
    return eval(f"{value} * 2")
