"""Weak generators, iteration counts and token checks behind aliases, constants and instance
fields; placeholders that ask for a value are not secrets."""
import hashlib
import os
import random
import random as rnd
import secrets
import string

import jwt
import numpy as np
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

ALPHABET = string.ascii_letters + string.digits
PIN_ROUNDS = 1000
KDF_ITERATIONS = 5_000
STRONG_ITERATIONS = 600_000
DECODE_OPTIONS = {"verify_signature": False}
STRICT_OPTIONS = {"require": ["exp", "sub"]}

# ok: python.secret-env-fallback
SMTP_PASSWORD = os.getenv("SMTP_PASSWORD", "changeme")
# ruleid: python.secret-env-fallback
SIGNING_SECRET = os.getenv("SIGNING_SECRET", "s3cr3t-signing-value")


def new_sid():
    # ruleid: python.insecure-random-secret
    return "".join(rnd.choice(ALPHABET) for _ in range(32))


def shuffle_deck(cards):
    # ok: python.insecure-random-secret
    return rnd.sample(cards, len(cards))


def generate_api_key(length=40):
    # ruleid: python.insecure-random-secret
    digits = np.random.randint(0, 16, size=length)
    return "ak_" + "".join("0123456789abcdef"[d] for d in digits)


def jitter(values):
    # ok: python.insecure-random-secret
    return values + np.random.randint(0, 3, size=len(values))


class TempPasswordFactory:
    def __init__(self, seed):
        self._rng = random.Random(seed)

    def make(self):
        # ruleid: python.insecure-random-secret
        return "".join(self._rng.choices(ALPHABET, k=12))


class StrongPasswordFactory:
    def __init__(self):
        self._system = secrets.SystemRandom()

    def make(self):
        # ok: python.insecure-random-secret
        return "".join(self._system.choices(ALPHABET, k=16))


def hash_pin(pin, salt):
    # ruleid: python.pbkdf2-low-iterations
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ROUNDS)


def hash_pin_strong(pin, salt):
    # ok: python.pbkdf2-low-iterations
    return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, STRONG_ITERATIONS)


def vault_key(passphrase, salt):
    # ruleid: python.pbkdf2-low-iterations
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=KDF_ITERATIONS)
    return kdf.derive(passphrase.encode())


def vault_key_strong(passphrase, salt):
    # ok: python.pbkdf2-low-iterations
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=STRONG_ITERATIONS)
    return kdf.derive(passphrase.encode())


def claims_of(token, key):
    # ruleid: python.jwt-no-verify
    return jwt.decode(token, key, algorithms=["HS256"], options=DECODE_OPTIONS)


def claims_checked(token, key):
    # ok: python.jwt-no-verify
    return jwt.decode(token, key, algorithms=["HS256"], options=STRICT_OPTIONS)
