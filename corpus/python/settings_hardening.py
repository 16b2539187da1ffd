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

# ruleid: python.csp-unsafe-script
CSP_SCRIPT_SRC = ("'self'", "'unsafe-inline'")
# ruleid: python.csp-unsafe-script
CSP_DEFAULT_SRC = ["'self'", "'unsafe-eval'"]
# ok: python.csp-unsafe-script
CSP_STYLE_SRC = ("'self'", "'unsafe-inline'")
# ok: python.csp-unsafe-script
CSP_SCRIPT_SRC = ("'self'", "cdn.example.com")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        # ruleid: python.csp-unsafe-script
        "script-src": ["'self'", "'unsafe-inline'"],
        # ok: python.csp-unsafe-script
        "img-src": ["'self'", "data:"],
    },
}

# ruleid: python.django-upload-limit-disabled
DATA_UPLOAD_MAX_MEMORY_SIZE = None
# ruleid: python.django-upload-limit-disabled
DATA_UPLOAD_MAX_NUMBER_FIELDS = None
# ok: python.django-upload-limit-disabled
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
# ok: python.django-upload-limit-disabled
FILE_UPLOAD_MAX_MEMORY_SIZE = None

# ruleid: python.cookie-samesite-none
SESSION_COOKIE_SAMESITE = "None"
# ruleid: python.cookie-samesite-none
CSRF_COOKIE_SAMESITE = None
# ok: python.cookie-samesite-none
SESSION_COOKIE_SAMESITE = "Lax"
# ok: python.cookie-samesite-none
LANGUAGE_COOKIE_SAMESITE = None
