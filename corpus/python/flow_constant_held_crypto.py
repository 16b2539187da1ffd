"""Fixed IVs, nonces and accepted algorithms held in module constants and fields."""
import os

import jwt
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

IV = b"\x00" * 16
NONCE = b"fixednonce12"
ALGORITHMS = ["HS256", "none"]
STRICT_ALGORITHMS = ["HS256"]
SESSION_KEY = os.environ["SESSION_KEY"].encode()


class TokenSealer:
    def __init__(self, key):
        self.key = key
        self.iv = IV
        self.random_iv = os.urandom(16)

    def seal(self, data):
        # ruleid: python.cipher-static-iv
        return Cipher(algorithms.AES(self.key), modes.CBC(self.iv)).encryptor().update(data)

    def seal_fresh(self, data):
        # ok: python.cipher-static-iv
        return Cipher(algorithms.AES(self.key), modes.CBC(self.random_iv)).encryptor().update(data)


def seal_message(raw):
    aes = AESGCM(SESSION_KEY)
    # ruleid: python.cipher-static-iv
    return aes.encrypt(NONCE, raw, None)


def seal_message_fresh(raw):
    aes = AESGCM(SESSION_KEY)
    nonce = os.urandom(12)
    # ok: python.cipher-static-iv
    return nonce + aes.encrypt(nonce, raw, None)


def claims(token, key):
    # ruleid: python.jwt-no-verify
    return jwt.decode(token, key, algorithms=ALGORITHMS)


def strict_claims(token, key):
    # ok: python.jwt-no-verify
    return jwt.decode(token, key, algorithms=STRICT_ALGORITHMS)
