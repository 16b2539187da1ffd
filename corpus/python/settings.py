"""Django settings for the shop project (generated, then edited)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# ruleid: python.django-debug-true
DEBUG = True

ALLOWED_HOSTS = ["shop.example.com", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "corsheaders",
    "shop",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
]

# ruleid: python.django-cors-allow-all
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True

# ruleid: python.django-cors-allow-all
CORS_ORIGIN_ALLOW_ALL = True

# ruleid: python.django-cors-allow-all
CORS_ALLOWED_ORIGIN_REGEXES = [r"^.*$"]

# ok: python.django-cors-allow-all
CORS_ALLOWED_ORIGINS = ["https://shop.example.com"]

# ok: python.django-cors-allow-all
CORS_ORIGIN_REGEX_WHITELIST = [r"^https://\w+\.example\.com$"]

ROOT_URLCONF = "shop.urls"

# ok: python.django-debug-true
TEMPLATE_DEBUG = True
