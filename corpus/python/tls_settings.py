# Certificate checks turned off through an alias or a module setting.
import requests
from requests import post as http_post

VERIFY_SSL = False
CA_BUNDLE = "/etc/ssl/certs/internal-ca.pem"


def notify(webhook, payload):
    # ruleid: python.tls-verify-disabled
    return http_post(webhook, json=payload, verify=False, timeout=5)


def fetch(url):
    # ruleid: python.tls-verify-disabled
    return requests.get(url, verify=VERIFY_SSL, timeout=5)


def fetch_internal(url):
    # ok: python.tls-verify-disabled
    return requests.get(url, verify=CA_BUNDLE, timeout=5)


def post_checked(url, payload):
    # ok: python.tls-verify-disabled
    return http_post(url, json=payload, timeout=5)


SESSION_OPTIONS = {
    "timeout": 10,
    # ruleid: python.tls-verify-disabled
    "verify": False,
}


def fetch_with_options(url):
    return requests.get(url, **SESSION_OPTIONS)


def fetch_with_dict(url):
    # ruleid: python.tls-verify-disabled
    options = dict(timeout=10, verify=False)
    return requests.get(url, **options)


def fetch_with_bundle(url):
    # ok: python.tls-verify-disabled
    options = {"timeout": 10, "verify": CA_BUNDLE}
    return requests.get(url, **options)


def decode_flags(text):
    # ok: python.tls-verify-disabled
    return {"verify_signature": False, "text": text}
