"""Cipher settings kept in a dictionary the object holds: the IV is the dictionary's field,
whatever reads it."""
import base64
import os

from Crypto.Cipher import AES

FIELD_KEY = base64.b64decode(os.environ["FIELD_ENCRYPTION_KEY"])
STATIC = {"mode": AES.MODE_CBC, "iv": bytes(16)}
FRESH = {"mode": AES.MODE_CBC}


class EncryptedField:
    def __init__(self, key=FIELD_KEY, settings=STATIC):
        self.key = key
        self.settings = settings

    def cipher(self):
        # ruleid: python.cipher-static-iv
        return AES.new(self.key, self.settings["mode"], iv=self.settings["iv"])


class FreshField:
    def __init__(self, key=FIELD_KEY, settings=FRESH):
        self.key = key
        self.settings = settings

    def cipher(self):
        # ok: python.cipher-static-iv
        return AES.new(self.key, self.settings["mode"], iv=os.urandom(16))
