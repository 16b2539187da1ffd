# Flask-RESTful request parsers read the request; argparse reads the command line, which a
# command-line tool's user may point anywhere they can reach themselves.
import argparse

import requests
from flask_restful import Resource, reqparse

parser = reqparse.RequestParser()
parser.add_argument("callback", type=str, required=True)

cli = argparse.ArgumentParser()
cli.add_argument("--endpoint")


class Webhook(Resource):
    def post(self):
        args = parser.parse_args()
        # ruleid: python.ssrf
        requests.post(args["callback"], json={"ping": True}, timeout=3)
        return {"ok": True}


class FixedWebhook(Resource):
    def post(self):
        args = parser.parse_args()
        # ok: python.ssrf
        requests.post("https://hooks.example.com/ping", json={"from": args["callback"]}, timeout=3)
        return {"ok": True}


def main():
    options = cli.parse_args()
    # ok: python.ssrf
    requests.get(options.endpoint, timeout=3)
