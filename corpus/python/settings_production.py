"""Production overrides: DEBUG comes from the environment."""
import os

# ok: python.django-debug-true
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"

ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")

# ok: python.django-cors-allow-all
CORS_ALLOW_ALL_ORIGINS = False

# ruleid: python.django-allowed-hosts-any
ALLOWED_HOSTS = ("*",)
# ok: python.django-allowed-hosts-any
ALLOWED_HOSTS = ["api.example.com", ".example.com"]
# ok: python.django-allowed-hosts-any
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "").split(",")
# ruleid: python.django-password-validators-empty
AUTH_PASSWORD_VALIDATORS = ()
# ok: python.django-password-validators-empty
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"}]
