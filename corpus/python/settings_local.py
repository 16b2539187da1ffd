# Local development settings.
from .settings import *  # noqa: F401,F403

# ruleid: python.django-allowed-hosts-any
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = INSTALLED_APPS + ["debug_toolbar"]
MIDDLEWARE = ["debug_toolbar.middleware.DebugToolbarMiddleware"] + MIDDLEWARE

# ruleid: python.django-debug-true
DEBUG = True

INTERNAL_IPS = ["127.0.0.1"]
