# After `if a and not b: return`, the negated check vouches for nothing where the whole failed.
from flask import Flask, redirect, request

app = Flask(__name__)


@app.route("/continue")
def go_on():
    target = request.args.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        # ok: python.open-redirect
        return redirect(target)
    # ruleid: python.open-redirect
    return redirect(target)
