"""A small 'agent' that lets the model compute things, and a calculator endpoint."""
import ast
import codecs
import os
from pathlib import Path

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


# The contents of a file at a path the program fixes (relative to its own file) are the
# program's own code: setup.py reading its package's __version__.py.
def package_version():
    about = {}
    here = os.path.abspath(os.path.dirname(__file__))
    with open(os.path.join(here, "src", "pkg", "__version__.py"), "r", encoding="utf-8") as f:
        # ok: python.eval-exec
        exec(f.read(), about)
    return about["__version__"]


def legacy_package_version():
    about = {}
    here = os.path.abspath(os.path.dirname(__file__))
    with codecs.open(os.path.join(here, "__version__.py"), "r", "utf-8") as f:
        # ok: python.eval-exec
        # ok: python.exec-file-contents
        exec(f.read(), about)
    return about["__version__"]


def plugin_version(plugin_dir):
    about = {}
    with open(os.path.join(plugin_dir, "__version__.py"), "r", encoding="utf-8") as f:
        # A module load from a computed path: a review prompt, not code injection.
        # ruleid: python.exec-file-contents
        exec(f.read(), about)
    return about["__version__"]


def uploaded_plugin():
    name = request.args["plugin"]
    # ruleid: python.path-traversal
    source = (Path(__file__).parent / "plugins" / name).read_text()
    # ruleid: python.eval-exec
    exec(source, {})


# A code object compiled from constants is the program's own code: a bootstrap snippet written
# in the file, or a script next to it found through `__file__`.
def bootstrap_paths():
    namespace = {}
    # ok: python.eval-exec
    exec(compile("import sys; sys.path.insert(0, 'vendor')", "<bootstrap>", "exec"), namespace)
    return namespace


def bootstrap_form():
    namespace = {}
    # ruleid: python.eval-exec
    exec(compile(request.form["code"], "<form>", "exec"), namespace)
    return namespace


def run_generator():
    script = Path(__file__).parent / "tools" / "gen.py"
    # ok: python.eval-exec
    # ok: python.exec-file-contents
    code = compile(script.read_text(), str(script), "exec")
    # ok: python.eval-exec
    exec(code, {"__file__": str(script)})


def run_plugin_generator(plugin_dir):
    script = Path(plugin_dir) / "tools" / "gen.py"
    # ruleid: python.exec-file-contents
    code = compile(script.read_text(), str(script), "exec")
    # ruleid: python.eval-exec
    exec(code, {"__file__": str(script)})
