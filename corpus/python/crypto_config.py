"""Key handling and token helpers for a document vault service."""
import base64
import hashlib
import os
import ssl

import bcrypt
import ecdsa
import jwt
from Crypto.Cipher import AES
from Crypto.PublicKey import DSA, RSA
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from OpenSSL import SSL

JWT_SECRET = os.environ["JWT_SECRET"]


def new_signing_keys():
    # ruleid: python.weak-key-size
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    # ok: python.weak-key-size
    strong = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # ruleid: python.weak-key-size
    legacy = RSA.generate(1024)
    # ruleid: python.weak-key-size
    dsa_key = DSA.generate(1024)
    # ok: python.weak-key-size
    modern = RSA.generate(4096)
    return weak, strong, legacy, dsa_key, modern


def new_ec_keys():
    # ruleid: python.weak-elliptic-curve
    small = ec.generate_private_key(ec.SECP192R1())
    # ok: python.weak-elliptic-curve
    good = ec.generate_private_key(ec.SECP256R1())
    # ruleid: python.weak-elliptic-curve
    signer = ecdsa.SigningKey.generate(curve=ecdsa.NIST192p)
    # ok: python.weak-elliptic-curve
    signer2 = ecdsa.SigningKey.generate(curve=ecdsa.NIST384p)
    return small, good, signer, signer2


def encrypt_cbc_fixed(key, data):
    # ruleid: python.cipher-static-iv
    cipher = AES.new(key, AES.MODE_CBC, b"0000000000000000")
    return cipher.encrypt(data)


def encrypt_cbc_zero_iv(key, data):
    # ruleid: python.cipher-static-iv
    cipher = Cipher(algorithms.AES(key), modes.CBC(bytes(16)))
    return cipher.encryptor().update(data)


def encrypt_gcm_fixed_nonce(key, data):
    # ruleid: python.cipher-static-iv
    return AESGCM(key).encrypt(b"unique nonce", data, None)


def encrypt_cbc_random(key, data):
    iv = os.urandom(16)
    # ok: python.cipher-static-iv
    cipher = AES.new(key, AES.MODE_CBC, iv)
    return iv + cipher.encrypt(data)


def encrypt_gcm_random(key, data):
    nonce = os.urandom(12)
    # ok: python.cipher-static-iv
    return nonce + AESGCM(key).encrypt(nonce, data, None)


def encrypt_ctr_random(key, data):
    # ok: python.cipher-static-iv
    cipher = Cipher(algorithms.AES(key), modes.CTR(os.urandom(16)))
    return cipher.encryptor().update(data)


def vault_cipher():
    # ruleid: python.hardcoded-encryption-key
    return AES.new(b"thisisakey123456", AES.MODE_GCM)


def token_box():
    # ruleid: python.hardcoded-encryption-key
    return Fernet(b"hdT6i0dTJ8aC2JH2qY6Q2mDqgOeQyHzJ8m3r1nXh5fs=")


def record_cipher():
    # ruleid: python.hardcoded-encryption-key
    return Cipher(algorithms.AES(b"0123456789abcdef0123456789abcdef"), modes.GCM(os.urandom(12)))


def vault_cipher_from_env():
    key = base64.b64decode(os.environ["VAULT_KEY"])
    # ok: python.hardcoded-encryption-key
    return AES.new(key, AES.MODE_GCM)


def token_box_from_env():
    # ok: python.hardcoded-encryption-key
    return Fernet(os.environ["FERNET_KEY"])


def derive_key(password: str, salt: bytes) -> bytes:
    # ruleid: python.pbkdf2-low-iterations
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 1000)


def derive_key_kdf(password: bytes, salt: bytes) -> bytes:
    # ruleid: python.pbkdf2-low-iterations
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=10000)
    return kdf.derive(password)


def derive_key_strong(password: str, salt: bytes) -> bytes:
    # ok: python.pbkdf2-low-iterations
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)


def derive_key_kdf_strong(password: bytes, salt: bytes) -> bytes:
    # ok: python.pbkdf2-low-iterations
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=480000)
    return kdf.derive(password)


def hash_pw(password: str) -> bytes:
    # ruleid: python.bcrypt-low-rounds
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=4))


def hash_pw_fast(password: str) -> bytes:
    # ruleid: python.bcrypt-low-rounds
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(6))


def hash_pw_default(password: str) -> bytes:
    # ok: python.bcrypt-low-rounds
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())


def hash_pw_strong(password: str) -> bytes:
    # ok: python.bcrypt-low-rounds
    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=13))


def issue_token(user_id):
    # ruleid: python.jwt-hardcoded-secret
    return jwt.encode({"sub": user_id}, "secret", algorithm="HS256")


def read_token(token):
    # ruleid: python.jwt-hardcoded-secret
    return jwt.decode(token, "my-jwt-secret", algorithms=["HS256"])


def issue_token_env(user_id):
    # ok: python.jwt-hardcoded-secret
    return jwt.encode({"sub": user_id}, JWT_SECRET, algorithm="HS256")


def read_token_env(token):
    # ok: python.jwt-hardcoded-secret, python.jwt-expiry-not-verified
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options={"require": ["exp"]})


def read_token_lenient(token):
    # ruleid: python.jwt-expiry-not-verified
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], options={'verify_exp': False})


def issue_unsigned(claims):
    # ruleid: python.jwt-none-algorithm
    return jwt.encode(claims, None, algorithm="none")


def issue_unsigned_upper(claims):
    # ruleid: python.jwt-none-algorithm
    return jwt.encode(claims, key=None, algorithm="None")


def issue_signed(claims):
    # ok: python.jwt-none-algorithm
    return jwt.encode(claims, JWT_SECRET, algorithm="HS256")


def issue_rs(claims, private_key):
    # ok: python.jwt-none-algorithm
    return jwt.encode(claims, private_key, algorithm="RS256")


def legacy_context():
    # ruleid: python.ssl-weak-protocol
    return ssl.SSLContext(ssl.PROTOCOL_TLSv1)


def legacy_openssl_context():
    # ruleid: python.ssl-weak-protocol
    return SSL.Context(SSL.SSLv3_METHOD)


def floor_tls10(ctx):
    # ruleid: python.ssl-weak-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1
    return ctx


def modern_context():
    ctx = ssl.create_default_context()
    # ok: python.ssl-weak-protocol
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    # ok: python.ssl-weak-protocol
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    return ctx, server


def read_token_checked(token):
    # ok: python.jwt-expiry-not-verified
    return jwt.decode(token, JWT_SECRET, algorithms=["HS256"], leeway=30)


# The signing key kept in a module constant, and one read from the environment.
import jwt  # noqa: E402

TOKEN_SIGNING_KEY = "inventory-signing-key-2024"
TOKEN_ENV_KEY = os.environ["TOKEN_KEY"]


def issue_token(username):
    # ruleid: python.jwt-hardcoded-secret
    return jwt.encode({"sub": username}, TOKEN_SIGNING_KEY, algorithm="HS256")


def read_token(token):
    # ruleid: python.jwt-hardcoded-secret
    return jwt.decode(token, key=TOKEN_SIGNING_KEY, algorithms=["HS256"])


def issue_token_env(username):
    # ok: python.jwt-hardcoded-secret
    return jwt.encode({"sub": username}, TOKEN_ENV_KEY, algorithm="HS256")


# A translation table between two TLS libraries' names chooses no protocol.
_TO_OPENSSL = {
    # ok: python.ssl-weak-protocol
    ssl.PROTOCOL_TLSv1: 4,
    ssl.PROTOCOL_TLS_CLIENT: 2,
}
# ok: python.ssl-weak-protocol
_TO_OPENSSL[ssl.PROTOCOL_TLSv1_1] = 5
LEGACY_CONTEXT_OPTIONS = {
    # ruleid: python.ssl-weak-protocol
    "protocol": ssl.PROTOCOL_TLSv1,
}
