# ruamel.yaml, mongoengine, str.format templates, random.Random instances and keys written as
# hex: the APIs of libraries beyond the usual ones.
import os
import random
import time

import falcon
from aiohttp import web
from Crypto.Cipher import AES
from ruamel.yaml import YAML

from .models import Account

# ruleid: python.yaml-unsafe-loader
unsafe_loader = YAML(typ="unsafe", pure=True)
# ok: python.yaml-unsafe-loader
safe_loader = YAML(typ="safe")

# ruleid: python.hardcoded-encryption-key
FIELD_KEY = bytes.fromhex("3f8a91c2d45e6b70819a2bc3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607")
# ruleid: python.hardcoded-encryption-key
AES_KEY = b"k3y-0f-sixteen!!"
# ok: python.hardcoded-encryption-key
ENCRYPTION_KEY = bytes.fromhex(os.environ["ENCRYPTION_KEY_HEX"])
# ok: python.hardcoded-encryption-key
PUBLIC_KEY = bytes.fromhex("04a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90")
# ok: python.hardcoded-encryption-key
KEY_ID = "3f8a91c2d45e6b70819a2bc3d4e5f607"

_rng = random.Random(time.time())
_system = random.SystemRandom()


def encrypt_field(plaintext):
    cipher = AES.new(ENCRYPTION_KEY, AES.MODE_GCM)
    return cipher.encrypt_and_digest(plaintext.encode())


def generate_api_key():
    # ruleid: python.insecure-random-secret
    return "sk_live_" + "%032x" % _rng.getrandbits(128)


def generate_reset_token():
    # ok: python.insecure-random-secret
    return "%032x" % _system.getrandbits(128)


def shuffle_questions(questions):
    # ok: python.insecure-random-secret
    return _rng.sample(questions, len(questions))


class ResetResource:
    def on_post(self, req, resp):
        data = req.get_media()
        # ruleid: python.nosql-operator-injection
        account = Account.objects(__raw__={"email": data.get("email"), "reset_token": data.get("token")}).first()
        # ok: python.nosql-operator-injection
        same = Account.objects(__raw__={"email": str(data.get("email")), "reset_token": str(data.get("token"))}).first()
        resp.media = {"found": account is not None and same is not None}


class Order:
    def __init__(self, number, customer):
        self.number = number
        self.customer = customer


DEFAULT_TEMPLATE = "Hi {order.customer}, your order #{order.number} has shipped."


async def preview_notification(request):
    data = await request.json()
    order = Order(number=1001, customer="Sample Customer")
    # ruleid: python.template-injection
    text = data.get("template", DEFAULT_TEMPLATE).format(order=order)
    # ok: python.template-injection
    greeting = DEFAULT_TEMPLATE.format(order=Order(number=1, customer=data.get("name", "")))
    return web.json_response({"preview": text, "greeting": greeting})


async def preview_map(request):
    data = await request.json()
    template = data["template"]
    # ruleid: python.template-injection
    text = template.format_map({"order": Order(number=1, customer="x")})
    # ok: python.template-injection
    label = "{} items".format(data["count"])
    return web.json_response({"preview": text, "label": label})
