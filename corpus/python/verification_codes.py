"""One-time codes sent by SMS and e-mail, next to random numbers that are not secrets."""
import random
import secrets
import string


def send_verification_sms(user, sms):
    # ruleid: python.insecure-random-secret
    code = "".join(random.choice(string.digits) for _ in range(6))
    sms.send(user.phone, f"Your code: {code}")
    return code


def create_login_code(user):
    # ruleid: python.insecure-random-secret
    code = random.randint(100000, 999999)
    user.pending_code = code
    return code


def notify(user, mailer):
    # ruleid: python.insecure-random-secret
    code = str(random.randrange(10**6)).zfill(6)
    mailer.send(user.email, "Sign in", f"Your sign-in code is {code}. It expires in 10 minutes.")


def send_verification_sms_securely(user, sms):
    # ok: python.insecure-random-secret
    code = "".join(secrets.choice(string.digits) for _ in range(6))
    sms.send(user.phone, f"Your code: {code}")
    return code


def roll_dice(sides=6):
    # ok: python.insecure-random-secret
    code = random.randint(1, sides)
    return code


def promo_banner(colors):
    # ok: python.insecure-random-secret
    digits = random.choice(colors)
    return f"<div style='color: {digits}'>Sale!</div>"
