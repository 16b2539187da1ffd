"""A small inventory service as an assistant scaffolds it: database, mail, API clients, admin login."""
import os
import smtplib

import mysql.connector
import psycopg2
import redis
from decouple import config
from flask import Flask, request, session
from starlette.middleware.sessions import SessionMiddleware

# ruleid: python.hardcoded-password
DB_PASSWORD = "admin123"
# ruleid: python.hardcoded-password
MYSQL_PASS = "root"
# ruleid: python.hardcoded-password
api_key = "abc123xyz"
# ruleid: python.hardcoded-password
SLACK_BOT_TOKEN = "letmein"
# ok: python.hardcoded-password
DB_PASSWORD_ENV = "DB_PASSWORD"
# ok: python.hardcoded-password
PASSWORD_FIELD = "password"
# ok: python.hardcoded-password
password = os.environ["APP_PASSWORD"]
# ok: python.hardcoded-password
db_password = ""
# ok: python.hardcoded-password
token = "<pad>"
# ok: python.hardcoded-password
api_key = "your-api-key"
# ok: python.hardcoded-password
SECRET = "SECRET"
# ok: python.hardcoded-password
password = "Passwort"
# ok: python.hardcoded-password
token = "[CLS]"
# ok: python.hardcoded-password
password_hash = "pbkdf2"
# ok: python.hardcoded-password
token_url = "https://auth.example.com/oauth/token"
# ok: python.hardcoded-password
password = "********"
# ok: python.hardcoded-password
secret = "{{ vault.secret }}"

DATABASE = {
    "host": "localhost",
    "user": "inventory",
    # ruleid: python.hardcoded-password
    "password": "inventory2024",
    # ok: python.hardcoded-password
    "password_env": "INVENTORY_DB_PASSWORD",
}

# ok: python.hardcoded-password
FORM_LABELS = {"password": "Password", "token": "Access token"}


class MailSettings:
    def __init__(self):
        self.host = "smtp.example.com"
        # ruleid: python.hardcoded-password
        self.smtp_password = "mailpass1"
        # ok: python.hardcoded-password
        self.password = os.environ.get("SMTP_PASSWORD")


def load_settings(cfg):
    # ruleid: python.hardcoded-password
    cfg["db_password"] = "s3cr3t"
    # ok: python.hardcoded-password
    cfg["db_password"] = os.environ["DB_PASSWORD"]
    # ok: python.hardcoded-password
    cfg["password_field"] = "pwd"
    return cfg


def connect_mysql():
    # ruleid: python.hardcoded-password-argument
    return mysql.connector.connect(host="localhost", user="root", password="root123", database="shop")


def connect_postgres():
    return psycopg2.connect(
        host="db",
        user="app",
        # ruleid: python.hardcoded-password-argument
        password="postgres",
        dbname="inventory",
    )


def cache():
    # ruleid: python.hardcoded-password-argument
    return redis.Redis(host="cache", port=6379, password="redispass")


def connect_from_env():
    # ok: python.hardcoded-password-argument
    return psycopg2.connect(host="db", user="app", password=os.environ["DB_PASSWORD"])


def open_form(fields):
    # ok: python.hardcoded-password-argument
    return fields.add(name="password", label="Password", password="")


def tokenize(tokenizer, text):
    # ok: python.hardcoded-password-argument
    return tokenizer(text, token="<s>")


def widget(form):
    # ok: python.hardcoded-password-argument
    return form.field(password="PASSWORD_INPUT")


# ruleid: python.hardcoded-password-default
def get_connection(host="localhost", user="postgres", password="postgres"):
    return psycopg2.connect(host=host, user=user, password=password)


# ruleid: python.hardcoded-password-default
def make_client(base_url: str, api_key: str = "test123"):
    return {"url": base_url, "key": api_key}


# ok: python.hardcoded-password-default
def get_connection_safe(host="localhost", user="postgres", password=None):
    password = password or os.environ["DB_PASSWORD"]
    return psycopg2.connect(host=host, user=user, password=password)


# ok: python.hardcoded-password-default
def render_field(name="password", password=""):
    return f"<input name={name} value={password}>"


app = Flask(__name__)


@app.route("/admin/login", methods=["POST"])
def admin_login():
    username = request.form["username"]
    password = request.form["password"]
    # ruleid: python.hardcoded-password-comparison
    if username == "admin" and password == "admin123":
        session["admin"] = True
    # ruleid: python.hardcoded-password-comparison
    if request.form["api_token"] != "letmein":
        return "denied", 403
    # ok: python.hardcoded-password-comparison
    if password == "":
        return "missing password", 400
    # ok: python.hardcoded-password-comparison
    if request.form["password"] == request.form["confirm"]:
        return "ok"
    # ruleid: python.hardcoded-password-comparison
    if 0 < len(password) and token_kind == password == "hunter2":
        return "ok"
    return "ok"


def check_type(field):
    # ok: python.hardcoded-password-comparison
    return field.kind == "password"


# ruleid: python.hardcoded-secret-key
app.secret_key = "super secret key"
# ruleid: python.hardcoded-secret-key
app.config["SECRET_KEY"] = "dev"
# ruleid: python.hardcoded-secret-key
app.config["JWT_SECRET_KEY"] = "change-this-in-production"
# ruleid: python.hardcoded-secret-key
app.config.update(SECRET_KEY="my-secret-key")
# ok: python.hardcoded-secret-key
app.secret_key = os.environ["FLASK_SECRET_KEY"]
# ok: python.hardcoded-secret-key
app.config["SECRET_KEY"] = config("SECRET_KEY")
# ok: python.hardcoded-secret-key
app.config["SESSION_COOKIE_NAME"] = "dev"


def build_asgi(asgi_app):
    # ruleid: python.hardcoded-secret-key
    asgi_app.add_middleware(SessionMiddleware, secret_key="secret")
    # ok: python.hardcoded-secret-key
    asgi_app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"])


# ruleid: python.secret-env-fallback
JWT_SECRET = os.getenv("JWT_SECRET", "change-this-secret")
# ruleid: python.secret-env-fallback
DB_PASS = os.environ.get("DB_PASSWORD", "postgres")
# ruleid: python.secret-env-fallback
STRIPE_KEY = os.getenv("STRIPE_API_KEY") or "sk_dev_fallback"
# ruleid: python.secret-env-fallback
SIGNING_SECRET = config("SIGNING_SECRET", default="unsafe-default")
# ok: python.secret-env-fallback
DEBUG = os.getenv("DEBUG", "false")
# ok: python.secret-env-fallback
TOKEN_TTL = os.environ.get("TOKEN_TTL_SECONDS", "3600")
# ok: python.secret-env-fallback
API_KEY = os.environ.get("API_KEY", "")
# ok: python.secret-env-fallback
REDIS_PASSWORD = os.environ["REDIS_PASSWORD"]


def send_report(body):
    server = smtplib.SMTP("smtp.example.com", 587)
    server.starttls()
    server.login("reports@example.com", os.environ["SMTP_PASSWORD"])
    server.sendmail("reports@example.com", ["ops@example.com"], body)


def fetch_build_status(url):
    import requests
    from requests.auth import HTTPBasicAuth

    # ruleid: python.hardcoded-password-argument
    first = requests.get(url, auth=("deploy", "Depl0y!Pa55w0rd"), timeout=10)
    # ruleid: python.hardcoded-password-argument
    second = requests.get(url, auth=HTTPBasicAuth("deploy", "hunter2"), timeout=10)
    # ok: python.hardcoded-password-argument
    third = requests.get(url, auth=("deploy", os.environ["CI_PASSWORD"]), timeout=10)
    # ok: python.hardcoded-password-argument
    fourth = requests.get(url, auth=("deploy", ""), timeout=10)
    return first, second, third, fourth


class MailSettings:
    # ruleid: python.hardcoded-password
    SMTP_PASSWORD = "mailpass-2024-prod"
    # ok: python.hardcoded-password
    SMTP_PASSWORD_HINT = "mailpass-2024-prod"
    # ok: python.hardcoded-password
    ADMIN_PASSWORD = "change-me-before-deploy"


def send_alert(message):
    import os
    import smtplib

    with smtplib.SMTP_SSL("smtp.example.com", 465) as smtp:
        # ruleid: python.hardcoded-password-argument
        smtp.login("alerts@example.com", "Xq9!mailpass77")
        # ok: python.hardcoded-password-argument
        smtp.login("alerts@example.com", os.environ["SMTP_PASSWORD"])
        smtp.send_message(message)
