from flask import Flask, request, jsonify
import ast
import builtins
import json

app = Flask(__name__)

OPERATIONS = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
evaluate = builtins.eval


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    # ruleid: python.eval-exec
    result = eval(expr)
    return jsonify(result=result)


@app.route("/calc/safe")
def calc_safe():
    op = request.args["op"]
    a, b = int(request.args["a"]), int(request.args["b"])
    # ok: python.eval-exec
    return jsonify(result=OPERATIONS[op](a, b))


@app.post("/filters")
def apply_filter():
    body = request.get_json()
    # ruleid: python.eval-exec
    keep = eval(f"lambda row: {body['condition']}", {"__builtins__": {}})
    return jsonify([r for r in load_rows() if keep(r)])


def parse_literal(text):
    # ok: python.eval-exec
    return ast.literal_eval(text)


def plugin_hook(source_code, namespace):
    # ruleid: python.eval-exec
    exec(source_code, namespace)
    return namespace.get("hook")


def load_version():
    ns = {}
    # ok: python.eval-exec
    exec(open("mypkg/_version.py").read(), ns)
    return ns["__version__"]


def build_accessor(field_name):
    src = f"def get(obj):\n    return obj.{field_name}\n"
    # ruleid: python.eval-exec
    code = compile(src, "<accessor>", "exec")
    ns = {}
    exec(code, ns)  # ruleid: python.eval-exec
    return ns["get"]


def compile_rule(rule_text):
    # ruleid: python.eval-exec
    return compile(rule_text, "<rule>", mode="eval")


def evaluate_model(model, loader):
    # A method named eval() on a model is unrelated to the builtin.
    # ok: python.eval-exec
    model.eval()
    # ok: python.eval-exec
    return eval("1 + 2")


def compile_pattern(re_module, pattern):
    # ok: python.eval-exec
    return re_module.compile(pattern, 0)


def load_rows():
    # ok: python.eval-exec
    return json.loads(open("rows.json").read())


class FormulaTask:
    def __init__(self, formula):
        self.formula = formula

    def run(self, values):
        # ruleid: python.eval-exec
        return evaluate(self.formula, {"__builtins__": {}, **values})


class Sandbox:
    def eval(self, text):
        return OPERATIONS.get(text)


def sandboxed(text):
    # ok: python.eval-exec
    return Sandbox().eval(text)


def is_valid_python(text):
    try:
        # ok: python.eval-exec
        compile(text, "<snippet>", "exec")
    except SyntaxError:
        return False
    return True


def compiled_cell(text):
    # ruleid: python.eval-exec
    return compile(text, "<cell>", "exec")
