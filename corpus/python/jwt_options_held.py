"""JWT decode options held in a name or set on the object: the options the call reads."""
import jwt

LENIENT = {"verify_exp": False}
STRICT = {"require": ["exp", "sub"]}


class TokenService:
    def __init__(self, key):
        self.key = key
        self.decode_options = {"verify_exp": False, "require": ["sub"]}
        self.strict_options = {"require": ["sub", "exp"]}

    def read_refresh(self, token):
        # ruleid: python.jwt-expiry-not-verified
        return jwt.decode(token, self.key, algorithms=["HS256"], options=self.decode_options)

    def read_access(self, token):
        # ok: python.jwt-expiry-not-verified
        return jwt.decode(token, self.key, algorithms=["HS256"], options=self.strict_options)


def read_legacy(token, key):
    # ruleid: python.jwt-expiry-not-verified
    return jwt.decode(token, key, algorithms=["HS256"], options=LENIENT)


def read_strict(token, key):
    # ok: python.jwt-expiry-not-verified
    return jwt.decode(token, key, algorithms=["HS256"], options=STRICT)
