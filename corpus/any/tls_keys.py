"""Helpers for the internal mTLS setup and for signing webhook payloads."""
import os
import ssl
import tempfile

import jwt
from cryptography.hazmat.primitives import serialization

# ruleid: any.private-key-block
CLIENT_KEY_PEM = """-----BEGIN RSA PRIVATE KEY-----
ssZ/79pIcFY4B9GBHjbTBNervCVl3uSY//CuCJRxhWvxzJ9GXdSkbJwZbwkUGcym
SywY2fwsUyJILfgDwIBTGeujKeuZYoPgNcqTEo5w7wfXawAwxhOsTi51VDal0ust
KikUAj60Sw3cjLSNH41A+bsjH66W7gjJ3Qc6sXLxx+sHEH0tAmD1fp580czz1Nro
gXkcW18u1GqZQ2y3J5olPyh6M2nwojldT6XNYb8CG7T1MgbD8WJvaPmTCo6+iKwp
zPNOMovR8jw/f4u190ccC7bmqPdYBio9ZEIsQtKXp5BfleZcVokYPfJhcAtTXwwN
3YX16JpXSMAXkyPsIKyhTDpQXOy7A1NvfrGjYU2aKtLGJJIJMUbN/3QtsdZZ0/Sy
wrldSHq+gJtyDvhvft/uk3OTrV7Dx1axrtwuM0CV5WvxCaWcCHWaoqNosQpDo9sg
+yRALJSDep30sxFvkGP+r+idbE4JQp5Qzpp8sbnAUPokwjWmalC0lAZIy4BT+OVR
NuAIq2MUtsERX7GZKzHuduUgepv7kcrdJHmGVQbuStKP3DANtYffvaq0eQv5dyKH
UOONom+oyyDlDg3dvPi9cFX5D7w4Cr1zipZU+elpCzvPHl7bqM/AnB342U5oDLmc
8HxY+SQ1SprgV/57OniLKi2gED8SaI3/kgJakSTnqfgGm7E8yBwCe4sVvBNrB3Oe
96qgq7OVgrSJDsFC92xbtCB8RU2d8gVnIwkFeyTujOQw5H/qkG6rDzN2Zpic4Yqw
-----END RSA PRIVATE KEY-----
"""

# Public halves are fine to ship.
# ok: any.private-key-block
CA_CERT_PEM = """-----BEGIN CERTIFICATE-----
G01m53nmE4y26G1ncvBC7qt+GvVJE9JGBeMWY2m1dudZJT4DY8cZ4mvvbI0HtszZ
s8P8Wqb3FWqnWMx+nTq6epSD1KOGOdClgwtBc/b4hfEC64vu1zg6Im7avyciP7lZ
EQpdG3X8HkUgAgdQyo9Gw62wNrNZmDWIBE/mJJfn6KkpF4TFJ6uFxpYC94xwP2Tb
ZlfvRzbanLuiFVlp8PVexnT/z+uwPkfKAYPUPl0yFMy21zttopQvcYy9uTYsD/AT
adpPJuJkXOK/og96DPKbwPv2V7t2ySQqmA37VR/6HehU86INu+QXLNo6ZyYhCsqU
waEJ0wWiq/Go0UvatZ89b1bAU2rjRKVaYGVnjGHw8OueX4njmw+RdKf21oyDgpya
hM0MFIikAR2qM4zwgyBpY02N6+loLsv8QuzCHPRnsreMR7K4aqtrM1dyUzxh+B+I
GAH53U4uAY12ZDNzuEJdDY66dWHdUEVxRcROL2X7rcIooBazJFFhoXuaQMedAu/c
-----END CERTIFICATE-----
"""

# ok: any.private-key-block
VERIFY_KEY_PEM = """-----BEGIN PUBLIC KEY-----
Gl7fEdS4eMHQGV4yeOLhclnr8J+SFNRwOfB4BbE+KATU8BvVUm61HHxII/+bU9Dd
Z7GSjP1b8kA4TSr2pNo1+h+KsmToHFHYNhtbTEHCf6S9erBbzhSUwUObxPcL0Pi+
Bn+ZiE+Rbw6Xurxu3QiAZgAApYzSIHEX+O4iRo3ZsdTsjnX9OoNbv8IpyRjSYCf8
EMXx5KTHEDICm50xp3x3ac81C8vDaqX85oU/hkzn44p+PmE75Xym4a9FdW+fLWCd
-----END PUBLIC KEY-----
"""

# A service-account JSON pasted as one line, the way Google exports it.
SERVICE_ACCOUNT = {
    "type": "service_account",
    "client_email": "reports@acme-analytics.iam.gserviceaccount.com",
    # ruleid: any.private-key-block
    "private_key": "-----BEGIN PRIVATE KEY-----\ntaa+fo/QMbz22ToSVDDDfX+U2HT0AEw7vyKxM53JKZVWBOQhWKwKNTBVIuQVoTRi\nN0iMSCm2ld7o8fw0Z9OpzPqukeQhfjZHI5ANrmRAAxpf8hirn9HQWWh6Wxm0sO5C\njuLGhAh+kdYfXjp4grbuvruAYf8bZyUWvxdAAviCPfFBaQ57hrNJQOmvr1on+AMA\n8EguRxYYPvLiI3P5+iAWUp/wP4nHSnr5gsQMwk7xfe7ogTfj5oglqyExoqrsjKJQ\n9JGk0+R3kImGpXns0rXYXKmK+NxgxQPXyG+kPtIm2p2TmzJZ4vNum/cuRvkAsUYz\nEZstCyuO17udQMFgMhTmrztC4I+RqiW75vySQPjP7QuiHaSaeAOrPI4GOQKLNuI4\nFyzdJE+xv4k5Za0NESfW7GQJuIkxz222SGnQEvbUD7o769oxcF+0DqrwfcG1EYPp\nLrVIg1zlvsAFS8As46C7tZOdfJj/d9hcwxAGFg3QdIr79bq2UxNCNVEVdeYCnDYu\nT7Yz0Vr2pfmLs/TWZwFdEKfb7KFwwZgBabrlNUCaUtb/F3J51VqdmVuj59QI2lCV\nNfiElPPDAdhiJKITofuabAyAFZ/cMRZ8uQJenIIjV0eFX7DUb3CQRJtaZy/Ft+kn\n-----END PRIVATE KEY-----\n",
}


def looks_like_private_key(data: bytes) -> bool:
    # ok: any.private-key-block
    return data.lstrip().startswith(b"-----BEGIN RSA PRIVATE KEY-----") or b"PRIVATE KEY-----" in data


def load_signing_key():
    # ok: any.private-key-block
    with open(os.environ["SIGNING_KEY_PATH"], "rb") as fh:
        return serialization.load_pem_private_key(fh.read(), password=None)


def sign(payload: dict) -> str:
    # ruleid: any.private-key-block
    key = """-----BEGIN EC PRIVATE KEY-----
    3AmRWlOJLY0Xn9Cm7rv19hsOpN6nHo2xQAokkP0Y3NmagKkuixo2R+/O1Lqj8IgM
    5mANIZgAH7SBHgr0nej6fifYlEeHoQXeW0j4J1F6kLu6y+oif1GcCNlFxi79D3VH
    QdmuHygIY8w2lY/9YKHnp9/PH35/TKEOaV0RJutO5teRn+GulVsK0FpJw1vM2CC2
    -----END EC PRIVATE KEY-----"""
    return jwt.encode(payload, key, algorithm="ES256")


# What the docs page shows; the body was removed.
# ok: any.private-key-block
REDACTED_EXAMPLE = "-----BEGIN PRIVATE KEY-----\n...redacted...\n-----END PRIVATE KEY-----"


def ssl_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=os.environ.get("CA_BUNDLE"))
    with tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as tmp:
        tmp.write(CLIENT_KEY_PEM)
    ctx.load_cert_chain(os.environ["CLIENT_CERT_PATH"], keyfile=tmp.name)
    return ctx


# ruleid: any.private-key-block
DEPLOY_SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "TAVUKijpnS66bBeRnAUxAF6V8WumJVzWKpLEubEmlOzc4Dyi5srhyJr2Fh75UL/Sexw6x2\n" + "oXKyBqduUMIbMNOSBzO7Ve8teesh+aJUQlo7a/v5DE9LDhADFMIzSWZBnteciY1FQ9bd7m\n"

# ok: any.private-key-block
PEM_HEADER_TEMPLATE = "-----BEGIN {kind} PRIVATE KEY-----\n{body}\n-----END {kind} PRIVATE KEY-----\n"
