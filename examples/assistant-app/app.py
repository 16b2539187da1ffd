"""A small Flask service, written the way an assistant often suggests it."""

import subprocess

import requests
import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/config", methods=["POST"])
def load_config():
    config = yaml.load(request.data)
    return {"keys": sorted(config)}


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    output = subprocess.check_output(f"ping -c 1 {host}", shell=True)
    return output.decode()


def fetch_status(url):
    return requests.get(url, verify=False, timeout=5).json()


if __name__ == "__main__":
    app.run(debug=True)
