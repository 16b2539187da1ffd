import hashlib
import hmac
import os

from Crypto.Cipher import AES, ARC4, DES, DES3, Blowfish
from Crypto.Hash import MD5, SHA256
from Crypto.Util.Padding import pad
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def file_checksum(path):
    # ruleid: python.weak-hash
    digest = hashlib.md5()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(8192), b""):
            digest.update(chunk)
    return digest.hexdigest()


def etag_for(body: bytes) -> str:
    # ok: python.weak-hash
    return hashlib.md5(body, usedforsecurity=False).hexdigest()


def sign_payload(secret: bytes, payload: bytes) -> str:
    # ruleid: python.weak-hash
    return hashlib.sha1(secret + payload).hexdigest()


def fingerprint(data, algo="sha256"):
    # ok: python.weak-hash
    return hashlib.new(algo, data).hexdigest()


def legacy_digest(data):
    # ruleid: python.weak-hash
    return hashlib.new("md5", data).hexdigest()


def git_style_id(blob):
    # ruleid: python.weak-hash
    return hashlib.new('sha1', b"blob %d\0" % len(blob) + blob).hexdigest()


def secure_digest(data):
    # ok: python.weak-hash
    return hashlib.sha256(data).hexdigest()


def webhook_signature(key, body):
    # HMAC-SHA1 passes the function object, not a digest call.
    # ok: python.weak-hash
    return hmac.new(key, body, hashlib.sha1).hexdigest()


def pycryptodome_digest(data):
    # ruleid: python.weak-hash
    h = MD5.new(data)
    # ok: python.weak-hash
    h2 = SHA256.new(data)
    return h.hexdigest(), h2.hexdigest()


def cryptography_digest(data):
    # ruleid: python.weak-hash
    h = hashes.Hash(hashes.MD5())
    h.update(data)
    return h.finalize()


def hash_password(password: str) -> str:
    # ruleid: python.fast-password-hash
    return hashlib.sha256(password.encode()).hexdigest()


def hash_password_salted(password: str, salt: str) -> str:
    # ruleid: python.fast-password-hash
    return hashlib.md5((salt + password).encode("utf-8")).hexdigest()


def hash_password_incremental(password: str) -> str:
    h = hashlib.sha512()
    h.update(os.urandom(16))
    # ruleid: python.fast-password-hash
    h.update(password.encode())
    return h.hexdigest()


def hash_password_new(pwd: bytes) -> str:
    # ruleid: python.fast-password-hash
    return hashlib.new("sha256", pwd).hexdigest()


def derive_password_hash(password: str, salt: bytes) -> bytes:
    # ok: python.fast-password-hash
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def password_reset_fingerprint(user):
    # ok: python.fast-password-hash, python.weak-hash
    return hashlib.sha256(str(user.id).encode()).hexdigest()


def update_profile(profile, password_hash):
    # ok: python.fast-password-hash
    profile.update(password=password_hash)


def encrypt_des(key: bytes, iv: bytes, data: bytes) -> bytes:
    # ruleid: python.weak-cipher
    cipher = DES.new(key, DES.MODE_CBC, iv)
    return cipher.encrypt(pad(data, 8))


def encrypt_3des(key, iv, data):
    # ruleid: python.weak-cipher
    cipher = DES3.new(key, DES3.MODE_CBC, iv)
    return cipher.encrypt(pad(data, 8))


def rc4_stream(key, data):
    # ruleid: python.weak-cipher
    return ARC4.new(key).encrypt(data)


def blowfish_cbc(key, iv, data):
    # ruleid: python.weak-cipher
    cipher = Cipher(algorithms.Blowfish(key), modes.CBC(iv))
    enc = cipher.encryptor()
    return enc.update(data) + enc.finalize()


def blowfish_pycryptodome(key, iv, data):
    # ruleid: python.weak-cipher
    return Blowfish.new(key, Blowfish.MODE_CBC, iv).encrypt(pad(data, 8))


def aes_gcm(key, data, aad=None):
    nonce = os.urandom(12)
    # ok: python.weak-cipher, python.ecb-mode
    return nonce + AESGCM(key).encrypt(nonce, data, aad)


def aes_cbc(key, iv, data):
    # ok: python.weak-cipher, python.ecb-mode
    cipher = Cipher(algorithms.AES(key), modes.CBC(iv))
    enc = cipher.encryptor()
    return enc.update(data) + enc.finalize()


def aes_gcm_pycryptodome(key, data):
    # ok: python.weak-cipher, python.ecb-mode
    cipher = AES.new(key, AES.MODE_GCM)
    ct, tag = cipher.encrypt_and_digest(data)
    return cipher.nonce + tag + ct


def encrypt_block_ecb(key, data):
    # ruleid: python.ecb-mode
    cipher = AES.new(key, AES.MODE_ECB)
    return cipher.encrypt(pad(data, 16))


def encrypt_ecb_keyword(key, data):
    # ruleid: python.ecb-mode
    cipher = AES.new(key, mode=AES.MODE_ECB)
    return cipher.encrypt(pad(data, 16))


def encrypt_ecb_cryptography(key, data):
    # ruleid: python.ecb-mode
    cipher = Cipher(algorithms.AES(key), modes.ECB())
    enc = cipher.encryptor()
    return enc.update(pad(data, 16)) + enc.finalize()


def is_ecb(cipher):
    # Comparing against the constant is not using it.
    # ok: python.ecb-mode
    return cipher.mode == AES.MODE_ECB
