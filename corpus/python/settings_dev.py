"""Developer settings module assembled by an assistant for `manage.py runserver`."""
from .base import *  # noqa

ROOT_URLCONF = "config.urls"

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# ruleid: python.django-debug-true
DEBUG = True
