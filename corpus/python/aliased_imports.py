"""Utilities that import what they use under short or different names."""
import hashlib
import marshal as m
import subprocess as sp
import yaml as y
from hashlib import md5, sha1 as fast_sha1, sha256
from os import popen as run_shell
from pickle import loads as unpickle
from tempfile import mktemp as temp_name
from yaml import load as yaml_load, safe_load

from .digests import md5 as local_md5
from .jobs import run
from .storage import loads

digest = md5


def fingerprint(password):
    # ruleid: python.fast-password-hash
    return md5(password.encode()).hexdigest()


def fingerprint_sha(password):
    # ruleid: python.fast-password-hash
    return sha256(password.encode()).hexdigest()


def upload_digest(body):
    # ruleid: python.weak-hash
    return md5(body).hexdigest()


def upload_digest_short(body):
    # ruleid: python.weak-hash
    return fast_sha1(body).hexdigest()


def upload_digest_via_alias(body):
    # ruleid: python.weak-hash
    return digest(body).hexdigest()


def etag_strong(body):
    # ok: python.weak-hash
    return sha256(body).hexdigest()


def etag_project_helper(body):
    # A project function that happens to be called md5 is not hashlib's.
    # ok: python.weak-hash
    return local_md5(body)


def convert(name):
    # ruleid: python.subprocess-shell
    sp.run(f"convert {name} out.png", shell=True)


def convert_list(name):
    # ok: python.subprocess-shell
    sp.run(["convert", name, "out.png"], check=True)


def schedule(name):
    # The project's own `run` takes a shell flag of its own.
    # ok: python.subprocess-shell
    run(f"thumbnail {name}", shell=True)


def disk_usage(mount):
    # ruleid: python.os-system
    return run_shell("df -h " + mount).read()


def load_config(text):
    # ruleid: python.yaml-load
    return y.load(text)


def load_config_imported(text):
    # ruleid: python.yaml-load
    return yaml_load(text)


def load_config_safe(text):
    # ok: python.yaml-load
    return safe_load(text)


def load_unsafe(text):
    # ruleid: python.yaml-unsafe-loader
    return y.load(text, Loader=y.UnsafeLoader)


def load_with_safe_loader(text):
    # ok: python.yaml-unsafe-loader
    return y.load(text, Loader=y.SafeLoader)


def restore(blob):
    # ruleid: python.pickle-load
    return unpickle(blob)


def restore_record(blob):
    # ok: python.pickle-load
    return loads(blob)


def restore_code(blob):
    # ruleid: python.marshal-load
    return m.loads(blob)


def scratch_path():
    # ruleid: python.tempfile-mktemp
    return temp_name(suffix=".csv")


def store_pin_hash(user, pw, pwm_level):
    import hashlib

    # ruleid: python.fast-password-hash
    user.pw_hash = hashlib.new("sha256", pw.encode()).hexdigest()
    # ok: python.fast-password-hash
    user.level_digest = sha256(str(pwm_level).encode()).hexdigest()
    return user


def etag(body):
    # ok: python.weak-hash
    return md5(body).hexdigest()


def gravatar_url(email):
    # ok: python.weak-hash
    digest = md5(email.strip().lower().encode()).hexdigest()
    return f"https://www.gravatar.com/avatar/{digest}"


from passlib.hash import argon2, md5_crypt
from passlib.hash import ldap_salted_sha1 as ldap_hash


def store_password(users, email, password):
    # ruleid: python.fast-password-hash
    users[email] = md5_crypt.hash(password)
    # ruleid: python.fast-password-hash
    users[email + ":ldap"] = ldap_hash.hash(password)
    # ok: python.fast-password-hash
    users[email + ":v2"] = argon2.hash(password)


import hmac as _hmac


def legacy_password_digest(username, password):
    # ruleid: python.fast-password-hash
    return _hmac.new(username.encode(), password.encode(), fast_sha1).hexdigest()


def sign_payload(secret, payload):
    # ok: python.fast-password-hash
    return _hmac.new(secret, payload, "sha256").hexdigest()


HASH_SETTINGS = {"digest": "md5", "strong_digest": "sha256"}


def api_key_fingerprint(key):
    algorithm = HASH_SETTINGS["digest"]
    # ruleid: python.weak-hash
    return hashlib.new(algorithm, key.encode()).hexdigest()


def api_key_fingerprint_strong(key):
    algorithm = HASH_SETTINGS["strong_digest"]
    # ok: python.weak-hash
    return hashlib.new(algorithm, key.encode()).hexdigest()
