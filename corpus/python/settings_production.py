"""Production overrides: DEBUG comes from the environment."""
import os

# ok: python.django-debug-true
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")

# ok: python.django-cors-allow-all
CORS_ALLOW_ALL_ORIGINS = False
