"""Hashes a protocol mandates (no other choice exists) beside the same calls where one does."""

import base64
import hashlib
import hmac
import os

WEBSOCKET_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class HTTPDigestAuth:
    """RFC 7616: the server's challenge names the algorithm; MD5 is what most servers ask for."""

    def response(self, ha1, nonce, ha2):
        # ok: python.weak-hash
        return hashlib.md5(f"{ha1}:{nonce}:{ha2}".encode()).hexdigest()

    def client_nonce(self, nonce):
        def sha_utf8(text):
            # ok: python.weak-hash
            return hashlib.sha1(text.encode()).hexdigest()

        return sha_utf8(nonce + os.urandom(8).hex())[:16]


class UploadSigner:
    def response(self, ha1, nonce, ha2):
        # ruleid: python.weak-hash
        return hashlib.md5(f"{ha1}:{nonce}:{ha2}".encode()).hexdigest()


def websocket_handshake(headers, response_headers):
    key = headers["Sec-WebSocket-Key"]
    # ok: python.weak-hash
    accept = base64.b64encode(hashlib.sha1(key.encode() + WEBSOCKET_GUID).digest()).decode()
    response_headers["Sec-WebSocket-Accept"] = accept


def check_handshake(response, sec_key):
    received = response.headers.get(SEC_WEBSOCKET_ACCEPT, "")
    # ok: python.weak-hash
    expected = base64.b64encode(hashlib.sha1(sec_key + WEBSOCKET_GUID).digest()).decode()
    return received == expected


def upload_token(headers, response_headers):
    key = headers["X-Upload-Key"]
    # ruleid: python.weak-hash
    token = base64.b64encode(hashlib.sha1(key.encode() + WEBSOCKET_GUID).digest()).decode()
    response_headers["X-Upload-Token"] = token


# A module-level hash is in no function: the WebSocket exemption does not reach it.
# ruleid: python.weak-hash
SEC_WEBSOCKET_ACCEPT = hashlib.sha1(b"Sec-WebSocket-Accept").hexdigest()


# The digest of an HMAC: a keyed MAC's strength rests on the key and the hash's preimage
# resistance, which collisions do not break (RFC 2104, RFC 6151).
def _sha1_constructor(data=b""):
    # ok: python.weak-hash
    return hashlib.sha1(data)


class CookieSigner:
    digest_method = staticmethod(_sha1_constructor)


def _legacy_md5(data=b""):
    # ok: python.weak-hash
    return hashlib.md5(data)


def sign_webhook(key, body):
    return hmac.new(key, body, digestmod=_legacy_md5).hexdigest()


def _sha1_for_hmac(data=b""):
    # ok: python.weak-hash
    return hashlib.sha1(data)


def sign_callback(key, body):
    return hmac.new(key, body.encode("utf-8"), _sha1_for_hmac).digest()


def _md5_for_etag(data=b""):
    # ok: python.weak-hash
    return hashlib.md5(data)


def etag(body):
    # The same kind of constructor, used as a plain hash of content: still a weak hash.
    return _md5_for_etag(body).hexdigest()


# A database's MD5() / SHA1() SQL functions, provided to SQLite: the query names the algorithm.
def _sql_md5(text):
    # ok: python.weak-hash
    return None if text is None else hashlib.md5(text.encode()).hexdigest()


def _fingerprint(text):
    # ruleid: python.weak-hash
    return hashlib.sha1(text.encode()).hexdigest()


def register_functions(connection):
    connection.create_function("MD5", 1, _sql_md5)
    # Registered under another name, the hash is the program's own choice.
    connection.create_function("FINGERPRINT", 1, _fingerprint)
