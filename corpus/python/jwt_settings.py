"""Token settings of a small Flask API, written the way tutorials show them."""
import os

from flask import Flask

app = Flask(__name__)

# ruleid: python.hardcoded-secret-key
JWT_SECRET = "secret"
# ruleid: python.hardcoded-secret-key
TOKEN_SECRET = "my-token-secret"
# ok: python.hardcoded-secret-key
SESSION_SECRET = os.environ["SESSION_SECRET"]
# ok: python.hardcoded-secret-key
JWT_SECRET_KEY_FILE = "/run/secrets/jwt"
# ruleid: python.hardcoded-secret-key
# ok: python.hardcoded-password
app.config["JWT_SECRET"] = "dev"
# ok: python.hardcoded-secret-key
app.config["JWT_SECRET"] = os.getenv("JWT_SECRET")
# ok: python.hardcoded-secret-key
JWT_ALGORITHM = "HS256"
