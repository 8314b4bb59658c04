"""Settings for the test suite: SQLite in memory unless DATABASE_URL names PostgreSQL."""

from councilplan.config.settings.base import *  # noqa: F403
from councilplan.config.settings.base import env

if not env("DATABASE_URL", default=""):
    DATABASES = {"default": {"ENGINE": "councilplan.config.db.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# The tests' own processes share nothing: positions are kept in memory (still pickled).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "positions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "positions",
    },
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
