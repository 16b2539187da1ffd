"""Django settings for the billing project, with the edits an assistant made to "fix" local login."""
import os

INSTALLED_APPS = ["django.contrib.auth", "django.contrib.sessions", "billing"]

# ruleid: python.cookie-insecure-flags
SESSION_COOKIE_SECURE = False
# ruleid: python.cookie-insecure-flags
SESSION_COOKIE_HTTPONLY = False
# ruleid: python.cookie-insecure-flags
CSRF_COOKIE_SECURE = False
# ok: python.cookie-insecure-flags
CSRF_COOKIE_HTTPONLY = False
# ok: python.cookie-insecure-flags
SESSION_COOKIE_SECURE = os.environ.get("HTTPS", "1") == "1"
# ok: python.cookie-insecure-flags
SECURE_SSL_REDIRECT = True

# ruleid: python.django-password-validators-empty
AUTH_PASSWORD_VALIDATORS = []
# ok: python.django-password-validators-empty
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
]

# ruleid: python.django-weak-password-hasher
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# ruleid: python.django-weak-password-hasher
PASSWORD_HASHERS = (
    "django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
)
# ok: python.django-weak-password-hasher
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.MD5PasswordHasher",
]
# ok: python.django-weak-password-hasher
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": ["django.template.context_processors.request"],
            # ruleid: python.django-template-autoescape-off
            "autoescape": False,
        },
    },
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        # ruleid: python.django-template-autoescape-off
        "OPTIONS": {"autoescape": False, "environment": "billing.jinja2.environment"},
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # ok: python.django-template-autoescape-off
        "OPTIONS": {"autoescape": True},
    },
]
# ok: python.django-template-autoescape-off
WIDGET_DEFAULTS = {"autoescape": False}

# ruleid: python.django-pickle-session-serializer
SESSION_SERIALIZER = "django.contrib.sessions.serializers.PickleSerializer"
# ruleid: python.django-pickle-session-serializer
SESSION_SERIALIZER = 'django.contrib.sessions.serializers.PickleSerializer'
# ok: python.django-pickle-session-serializer
SESSION_SERIALIZER = "django.contrib.sessions.serializers.JSONSerializer"
# ok: python.django-pickle-session-serializer
CACHE_SERIALIZER = "billing.cache.PickleSerializer"

# ruleid: python.world-writable-create
FILE_UPLOAD_PERMISSIONS = 0o777
# ruleid: python.world-writable-create
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o777
# ok: python.world-writable-create
FILE_UPLOAD_PERMISSIONS = 0o644
