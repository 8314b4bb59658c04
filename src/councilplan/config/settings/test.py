"""Settings for the test suite: SQLite in memory unless DATABASE_URL names PostgreSQL."""

from councilplan.config.settings.base import *  # noqa: F403
from councilplan.config.settings.base import env

if not env("DATABASE_URL", default=""):
    DATABASES = {"default": {"ENGINE": "councilplan.config.db.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
