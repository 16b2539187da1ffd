"""Passwords hashed by a helper whose parameter has another name."""
import hashlib
from hashlib import sha256

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()
ACCOUNTS: dict[str, str] = {}
TOKENS: dict[str, str] = {}


class SignUp(BaseModel):
    email: str
    password: str
    invite_code: str


def fingerprint(secret: str) -> str:
    # ruleid: python.fast-password-hash
    return sha256(secret.encode()).hexdigest()


def legacy_digest(value: str, salt: str) -> str:
    # ruleid: python.fast-password-hash
    return hashlib.new("sha512", (salt + value).encode()).hexdigest()


def cache_key(text: str) -> str:
    # ok: python.fast-password-hash
    return hashlib.sha256(text.encode()).hexdigest()


@app.post("/accounts")
def sign_up(form: SignUp):
    ACCOUNTS[form.email] = fingerprint(form.password)
    TOKENS[form.email] = cache_key(form.invite_code)
    return {"email": form.email}


def migrate(rows):
    for email, password, salt in rows:
        ACCOUNTS[email] = legacy_digest(password, salt)


def invite_digest(code: str) -> str:
    # ok: python.fast-password-hash
    return sha256(code.encode()).hexdigest()


def issue_invite(email: str, invite_code: str) -> str:
    return invite_digest(invite_code)
