"""A `random.*` draw inside a function named for the secret it generates is the secret's
predictability, however the characters are collected; a function named for something else
(a shuffled playlist, a sampled language-model token) is not a secret."""
import random
import secrets
import string

ALPHABET = string.ascii_letters + string.digits


def _token(length=32):
    chars = []
    for _ in range(length):
        # ruleid: python.insecure-random-secret
        chars.append(random.choice(ALPHABET))
    return "".join(chars)


def generate_invite_code():
    parts = []
    for _ in range(3):
        # ruleid: python.insecure-random-secret
        parts.append(str(random.randint(1000, 9999)))
    return "-".join(parts)


def shuffled_playlist(songs):
    picked = []
    for _ in range(3):
        # ok: python.insecure-random-secret
        picked.append(random.choice(songs))
    return picked


def sample_token(logits):
    weights = [max(w, 0.0) for w in logits]
    # ok: python.insecure-random-secret
    return random.choices(range(len(weights)), weights=weights)[0]


class ResetTokenFactory:
    length = 32

    def generate(self):
        # ruleid: python.insecure-random-secret
        return "".join(random.choice(ALPHABET) for _ in range(self.length))


class SecureTokenFactory:
    def generate(self):
        # ok: python.insecure-random-secret
        return secrets.token_urlsafe(32)


class ColourPicker:
    def generate(self):
        # ok: python.insecure-random-secret
        return random.choice(["red", "green", "blue"])
