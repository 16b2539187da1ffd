"""MD5 named for what it is in a build step: a content hash that changes an asset's file name
when its bytes change is no security control; the same digest of a token is one."""
import hashlib


def cache_bust_suffix(data: bytes) -> str:
    # ok: python.weak-hash
    return hashlib.md5(data).hexdigest()[:8]


def content_hash(data: bytes) -> str:
    # ok: python.weak-hash
    return hashlib.sha1(data).hexdigest()


def token_fingerprint(token: str) -> str:
    # ruleid: python.weak-hash
    return hashlib.md5(token.encode()).hexdigest()
