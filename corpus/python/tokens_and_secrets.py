import random
import secrets
import string
import uuid

import numpy as np

ALPHABET = string.ascii_letters + string.digits


class PasswordResetService:
    def __init__(self, store):
        self.store = store

    def issue(self, user):
        # ruleid: python.insecure-random-secret
        token = "".join(random.choices(ALPHABET, k=32))
        self.store.save(user.id, token)
        return token

    def issue_secure(self, user):
        # ok: python.insecure-random-secret
        token = secrets.token_urlsafe(32)
        self.store.save(user.id, token)
        return token


def send_login_code(user, sms):
    # ruleid: python.insecure-random-secret
    otp = random.randint(100000, 999999)
    sms.send(user.phone, f"Your code is {otp}")
    return otp


def send_login_code_secure(user, sms):
    # ok: python.insecure-random-secret
    otp = secrets.randbelow(900000) + 100000
    sms.send(user.phone, f"Your code is {otp}")
    return otp


def generate_password(length=16):
    chars = ALPHABET + "!@#$%^&*"
    # ruleid: python.insecure-random-secret
    return "".join(random.choice(chars) for _ in range(length))


def generate_password_secure(length=16):
    chars = ALPHABET + "!@#$%^&*"
    # ok: python.insecure-random-secret
    return "".join(secrets.choice(chars) for _ in range(length))


def create_api_key(account):
    # ruleid: python.insecure-random-secret
    account.api_key = "%032x" % random.getrandbits(128)
    return account.api_key


def new_session(request):
    # ruleid: python.insecure-random-secret
    request.session["csrf_token"] = str(np.random.randint(0, 2**31))


def make_nonce():
    # ruleid: python.insecure-random-secret
    return random.randbytes(16).hex()


def sample_tokens(vocab, k):
    # Sampling words for a language-model batch is not a secret.
    # ok: python.insecure-random-secret
    tokens = random.sample(vocab, k)
    return tokens


def jitter_delay(base):
    # ok: python.insecure-random-secret
    delay = base + random.uniform(0, 0.5)
    return delay


def pick_test_user(users):
    # ok: python.insecure-random-secret
    return random.choice(users)


def make_session_id():
    # ok: python.insecure-random-secret
    return uuid.uuid4().hex


def shuffle_deck(deck):
    rng = random.SystemRandom()
    # ok: python.insecure-random-secret
    salt = rng.choice(deck)
    return salt


def sample_next_token(vocab, probs):
    # ok: python.insecure-random-secret
    next_token = random.choices(vocab, weights=probs, k=1)[0]
    return next_token


def guessing_game():
    # ok: python.insecure-random-secret
    secret_number = random.randint(1, 100)
    return secret_number


def issue_invite(invite):
    # ruleid: python.insecure-random-secret
    invite.token = "%08x" % random.getrandbits(32)
    return invite


def new_api_key():
    import uuid

    # ruleid: python.insecure-random-secret
    return uuid.uuid1().hex


def issue_session(user):
    import uuid

    # ruleid: python.insecure-random-secret
    session_id = str(uuid.uuid1())
    # ok: python.insecure-random-secret
    request_id = str(uuid.uuid1())
    # ok: python.insecure-random-secret
    csrf_token = uuid.uuid4().hex
    return session_id, request_id, csrf_token


def reset_link_token(user):
    import hashlib
    import time

    # ruleid: python.insecure-random-secret
    token = hashlib.sha256(f"{user.email}{time.time()}".encode()).hexdigest()
    # ok: python.insecure-random-secret
    token_hash = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
    return token, token_hash


def generate_api_key():
    import hashlib

    seed = str(random.random())
    # ruleid: python.insecure-random-secret
    return hashlib.sha256(seed.encode()).hexdigest()


def generate_session_token():
    import hashlib

    seed = secrets.token_bytes(32)
    # ok: python.insecure-random-secret
    return hashlib.sha256(seed).hexdigest()


def create_api_key(owner):
    # ruleid: python.insecure-random-secret
    key = "".join(random.choices(string.ascii_letters + string.digits, k=40))
    return {"owner": owner, "key": key}


def shuffle_layout(items):
    # ok: python.insecure-random-secret
    key = "".join(random.choices(string.ascii_letters, k=4))
    return sorted(items, key=lambda item: (key, item))


def send_login_otp(user):
    # ruleid: python.insecure-random-secret
    otp_code = str(random.randint(100000, 999999))
    # ok: python.insecure-random-secret
    otp_attempts = random.randint(0, 2)
    return otp_code, otp_attempts


def new_session_id(user_id):
    # ruleid: python.insecure-random-secret
    sid = "".join(str(random.randrange(10)) for _ in range(24))
    return f"{user_id}-{sid}"


def make_coupon_code():
    # ruleid: python.insecure-random-secret
    digits = random.choices("0123456789", k=12)
    return "".join(digits)


def shuffle_deck():
    # ok: python.insecure-random-secret
    digits = random.sample(range(10), 10)
    return digits


from random import randint as rand_int


def text_login_code():
    # ruleid: python.insecure-random-secret
    otp = rand_int(100000, 999999)
    # ok: python.insecure-random-secret
    delay = rand_int(1, 5)
    return otp, delay


class SessionManager:
    def create(self, user_id):
        # ruleid: python.insecure-random-secret
        sid = "%032x" % random.getrandbits(128)
        return f"{user_id}:{sid}"


class InviteCodes:
    ALPHABET = string.ascii_uppercase + string.digits

    def generate(self, n=10):
        # ruleid: python.insecure-random-secret
        chars = random.choices(self.ALPHABET, k=n)
        return "".join(chars)


class Playlist:
    def generate(self, songs):
        # ok: python.insecure-random-secret
        chars = random.sample(songs, k=3)
        return chars


def issue_api_key(owner):
    digits = [str(random.randint(0, 9)) for _ in range(24)]
    # ruleid: python.insecure-random-secret
    key = "sk_" + "".join(digits)
    return owner, key


def issue_api_key_safely(owner):
    digits = [str(secrets.randbelow(10)) for _ in range(24)]
    # ok: python.insecure-random-secret
    key = "sk_" + "".join(digits)
    return owner, key


def session_playlist(songs):
    picks = random.sample(songs, k=3)
    # ok: python.insecure-random-secret
    listing = ", ".join(picks)
    return listing
