# A validator that checks one field of a record and hands the record back: the field it
# checked is safe in what it returns; a field it did not check is not.
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from flask import Flask, request

app = Flask(__name__)
PARTNER_HOSTS = {"hooks.slack.com", "events.pagerduty.com"}


@dataclass
class Hook:
    name: str
    target_url: str
    fallback_url: str


class NotAllowed(ValueError):
    pass


def checked(hook: Hook) -> Hook:
    parts = urlsplit(hook.target_url)
    if parts.scheme != "https" or parts.hostname not in PARTNER_HOSTS:
        raise NotAllowed(hook.name)
    return hook


def deliver(hook: Hook, payload: dict) -> int:
    safe = checked(hook)
    # ok: python.ssrf
    first = requests.post(safe.target_url, json=payload, timeout=5)
    # ruleid: python.ssrf
    second = requests.post(safe.fallback_url, json=payload, timeout=5)
    return first.status_code or second.status_code


@app.post("/hooks/test")
def test_hook():
    data = request.get_json(force=True)
    hook = Hook(name=data["name"], target_url=data["url"], fallback_url=data["fallback"])
    return {"status": deliver(hook, {"event": "ping"})}
