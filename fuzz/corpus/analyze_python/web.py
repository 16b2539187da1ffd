import os
import pickle
import subprocess
import hashlib
import yaml
import requests
from flask import Flask, request

app = Flask(__name__)
app.config["SECRET_KEY"] = "dev"


@app.route("/run")
def run():
    cmd = request.args.get("cmd")
    subprocess.call(cmd, shell=True)  # slopguard: ignore[python-subprocess-shell]
    os.system("ls " + cmd)
    return eval(request.args["expr"])


def load(blob, text):
    obj = pickle.loads(blob)
    cfg = yaml.load(text)
    digest = hashlib.md5(text.encode()).hexdigest()
    r = requests.get("https://example.org", verify=False)
    return obj, cfg, digest, r


if __name__ == "__main__":
    app.run(debug=True, host="0.0.0.0")
