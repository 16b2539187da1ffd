"""One-time codes from `random`'s functions imported by name, a seeded `random.Random`, and their
secure twins."""
import random
import secrets
import time
from random import randint, randrange


def send_login_otp(user):
    # ruleid: python.insecure-random-secret
    code = str(randint(100000, 999999))
    user.notify(f"Your login code is {code}")


def send_login_otp_secure(user):
    # ok: python.insecure-random-secret
    code = str(secrets.randbelow(900000) + 100000)
    user.notify(f"Your login code is {code}")


def new_reset_code():
    # ruleid: python.insecure-random-secret
    reset_code = "%06d" % randrange(1000000)
    return reset_code


def backoff_delay(attempt):
    # ok: python.insecure-random-secret
    delay = randint(0, 2**attempt)
    return delay


def new_session_id():
    rng = random.Random(time.time())
    # ruleid: python.insecure-random-secret
    return "".join("%02x" % rng.randrange(256) for _ in range(16))


def new_session_id_from_os():
    rng = random.SystemRandom()
    # ok: python.insecure-random-secret
    return "".join("%02x" % rng.randrange(256) for _ in range(16))

# Drawn under an alias inside a function named for the token it makes.
from random import choices as pick

ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def generate_reset_token(length=32):
    # ruleid: python.insecure-random-secret
    return "".join(pick(ALPHABET, k=length))


def pick_colour():
    # ok: python.insecure-random-secret
    return "".join(pick(["red", "green"], k=1))
