import os

import jwt
from fastapi import Depends, HTTPException, Request
from jose import jwt as jose_jwt

JWT_KEY = os.environ["JWT_SIGNING_KEY"]


def current_user_unverified(token: str):
    # ruleid: python.jwt-no-verify
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]


def current_user(token: str):
    # ok: python.jwt-no-verify
    claims = jwt.decode(token, JWT_KEY, algorithms=["HS256"], audience="api")
    return claims["sub"]


def legacy_decode(token):
    # ruleid: python.jwt-no-verify
    return jwt.decode(token, verify=False)


def accept_any_alg(token):
    # ruleid: python.jwt-no-verify
    return jwt.decode(token, JWT_KEY, algorithms=["HS256", "none"])


def jose_claims(token):
    # ruleid: python.jwt-no-verify
    return jose_jwt.decode(token, JWT_KEY, options={"verify_signature": False, "verify_aud": False})


def jose_claims_verified(token):
    # ok: python.jwt-no-verify
    return jose_jwt.decode(token, JWT_KEY, algorithms=["RS256"], options={"verify_aud": False})


def key_id(token):
    # ok: python.jwt-no-verify
    return jwt.get_unverified_header(token).get("kid")


def expired_ok(token):
    # Skipping only the expiry check keeps the signature check.
    # ok: python.jwt-no-verify
    # ruleid: python.jwt-expiry-not-verified
    return jwt.decode(token, JWT_KEY, algorithms=["HS256"], options={"verify_exp": False})


def multiline_decode(request: Request):
    token = request.headers["authorization"].removeprefix("Bearer ")
    # ruleid: python.jwt-no-verify
    payload = jwt.decode(
        token,
        JWT_KEY,
        algorithms=["HS256"],
        options={
            "verify_signature": False,
        },
    )
    return payload


def jose_current_user(token):
    from jose import jwt as jose_jwt

    # ruleid: python.jwt-no-verify
    claims = jose_jwt.get_unverified_claims(token)
    return claims["sub"]


def jose_token_kind(token):
    from jose import jwt as jose_jwt

    # ok: python.jwt-no-verify
    header = jose_jwt.get_unverified_header(token)
    return header.get("kid", "")


def verified_claims(token, keys):
    # ok: python.jwt-no-verify
    kid = jwt.get_unverified_header(token).get("kid")
    if kid not in keys:
        raise HTTPException(status_code=401)
    return jwt.decode(token, keys[kid], algorithms=["RS256"], audience="api")


def unverified_role(token):
    # ruleid: python.jwt-no-verify
    header = jwt.get_unverified_header(token)
    if header.get("role") != "admin":
        raise HTTPException(status_code=403)
    return header
