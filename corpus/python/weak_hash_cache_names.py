"""MD5 / SHA-1 naming a cache entry or a Git object is no security control; the same digest
signing or checking a token is."""
import hashlib
import os


class ResponseCache:
    def __init__(self, root):
        self.root = root

    def path_for(self, url):
        # ok: python.weak-hash
        digest = hashlib.md5(url.encode()).hexdigest()
        return os.path.join(self.root, digest)


def blob_id(content: bytes) -> str:
    # ok: python.weak-hash
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()


class TokenSigner:
    def sign(self, token, secret):
        # ruleid: python.weak-hash
        return hashlib.md5((token + secret).encode()).hexdigest()


def reset_token_digest(token):
    # ruleid: python.weak-hash
    return hashlib.sha1(token.encode()).hexdigest()
