# Settings and request data held in a name before the call that misuses them.
import os

from Crypto.Cipher import AES
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from flask import Flask, request

app = Flask(__name__)
ZERO_IV = b"\x00" * 16
KEY = os.urandom(32)


def encrypt_record(data):
    # ruleid: python.cipher-static-iv
    fixed = Cipher(algorithms.AES(KEY), modes.CBC(ZERO_IV)).encryptor()
    iv = os.urandom(16)
    # ok: python.cipher-static-iv
    fresh = Cipher(algorithms.AES(KEY), modes.CBC(iv)).encryptor()
    # ruleid: python.cipher-static-iv
    legacy = AES.new(KEY, AES.MODE_CBC, ZERO_IV)
    return fixed.update(data), fresh.update(data), legacy.encrypt(data)


@app.route("/users", methods=["POST"])
def create_user():
    data = request.get_json()
    # ruleid: python.mass-assignment
    user = User(**data)
    fields = {"name": data["name"], "email": data["email"]}
    # ok: python.mass-assignment
    profile = Profile(**fields)
    return {"id": user.id, "profile": profile.id}


ALLOWED_FIELDS = {"name", "email"}


@app.route("/users/<int:user_id>", methods=["PATCH"])
def update_user(user_id):
    user = User.query.get(user_id)
    for key, value in request.get_json().items():
        # ruleid: python.mass-assignment
        setattr(user, key, value)
    for key, value in request.get_json().items():
        if key in ALLOWED_FIELDS:
            # ok: python.mass-assignment
            setattr(user, key, value)
    # ruleid: python.mass-assignment
    user.__dict__.update(request.get_json())
    # ok: python.mass-assignment
    user.__dict__.update({"name": request.get_json()["name"]})
    return {"id": user.id}


SECRET_IV = b"1234567890abcdef"


def seal_note(key, text):
    from Crypto.Cipher import AES
    from Crypto.Random import get_random_bytes

    # ruleid: python.cipher-static-iv
    fixed = AES.new(key, AES.MODE_CBC, iv=SECRET_IV)
    fresh_iv = get_random_bytes(16)
    # ok: python.cipher-static-iv
    fresh = AES.new(key, AES.MODE_CBC, iv=fresh_iv)
    return fixed.encrypt(text), fresh.encrypt(text)


CIPHER_SETTINGS = {"mode": "cbc", "iv": b"0123456789abcdef"}


def seal_settings(key, text):
    from Crypto.Cipher import AES

    # ruleid: python.cipher-static-iv
    first = AES.new(key, AES.MODE_CBC, CIPHER_SETTINGS["iv"])
    # ruleid: python.cipher-static-iv
    second = AES.new(key, AES.MODE_CBC, iv=CIPHER_SETTINGS["iv"])
    return first.encrypt(text), second.encrypt(text)


# A name bound to another name is what that one holds.
COUNTER_START = bytes(16)


def encrypt_blob(key, blob):
    iv = COUNTER_START
    # ruleid: python.cipher-static-iv
    encryptor = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
    return encryptor.update(blob) + encryptor.finalize()


def encrypt_blob_fresh(key, blob):
    fresh = os.urandom(16)
    iv = fresh
    # ok: python.cipher-static-iv
    encryptor = Cipher(algorithms.AES(key), modes.CTR(iv)).encryptor()
    return iv + encryptor.update(blob) + encryptor.finalize()
