# Threads and processes run the function named by `target=` with the tuple given as `args=`:
# what the handler passes there reaches the function's sinks, position by position.
import multiprocessing
import subprocess
import threading

from flask import Flask, jsonify, request

app = Flask(__name__)


def mirror(mirror_id, repo_url):
    # ruleid: python.argument-injection
    subprocess.run(["git", "clone", "--mirror", repo_url, "/srv/mirrors/" + mirror_id])


def archive(name, level):
    # ok: python.argument-injection
    subprocess.run(["tar", "-czf", "/srv/archives/latest.tgz", "--", name, level])


def ping(host):
    # ruleid: python.argument-injection
    subprocess.run(["ssh", host, "uptime"])


@app.post("/mirrors")
def create_mirror():
    url = request.get_json(force=True).get("url", "")
    threading.Thread(target=mirror, args=("m1", url), daemon=True).start()
    threading.Thread(target=archive, args=(request.form["name"], "9")).start()
    return jsonify({"queued": True}), 202


@app.post("/ping")
def start_ping():
    multiprocessing.Process(target=ping, args=(request.form["host"],)).start()
    return "ok"


def rotate(host):
    # ok: python.argument-injection
    subprocess.run(["ssh", host, "logrotate"])


threading.Thread(target=rotate, args=("backup.internal",)).start()
