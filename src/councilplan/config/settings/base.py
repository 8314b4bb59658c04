"""Settings shared by every environment. SQLite needs no configuration at all;
set DATABASE_URL (postgres://…) to use PostgreSQL."""

from pathlib import Path
from urllib.parse import unquote

import environ
from django.utils.csp import CSP

from councilplan.config.paths import data_dir
from councilplan.config.settings.mail import mailers_from

env = environ.Env()

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = data_dir()

SECRET_KEY = env("COUNCILPLAN_SECRET_KEY", default="insecure-development-key-not-for-production")
DEBUG = env.bool("COUNCILPLAN_DEBUG", default=False)
ALLOWED_HOSTS = env.list("COUNCILPLAN_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # The admin for superusers only, signing in through /sign-in/ and its lockout.
    "councilplan.config.apps.CouncilplanAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks_db",
    "crispy_forms",
    "crispy_forms_gds",
    "councilplan.history",
    "councilplan.accounts",
    "councilplan.plans",
    "councilplan.interchange",
    "councilplan.cycle",
    "councilplan.reports",
    "councilplan.web",
    # The API's browsable docs from the site's own static files (without it, from a CDN).
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "councilplan.accounts.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "councilplan.history.middleware.ActingUserMiddleware",
]

# Scripts, styles, images and fonts only from the site itself; the one inline script (in
# web/base.html) carries the request's nonce. The HTML report sets its own, stricter policy.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

ROOT_URLCONF = "councilplan.config.urls"
WSGI_APPLICATION = "councilplan.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "councilplan.web.context_processors.navigation",
            ],
        },
    },
]


# SQLite for a site in use: write-ahead logging, so pages keep reading while an import or a
# save writes (and the writer never waits for readers); a write waits up to the busy timeout
# for another to finish instead of failing with "database is locked"; IMMEDIATE takes the
# write lock when a transaction begins, so two transactions never deadlock upgrading to it.
SQLITE_BUSY_TIMEOUT_SECONDS = env.int("COUNCILPLAN_SQLITE_BUSY_TIMEOUT", default=20)
SQLITE_OPTIONS = {
    "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
}


def _database() -> dict:
    if env("DATABASE_URL", default=""):
        database = env.db("DATABASE_URL")
        # A Unix-socket directory is written percent-encoded in the URL's host part.
        database["HOST"] = unquote(database.get("HOST") or "")
        return database
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        # Django's SQLite backend, trying a write that found the database locked once more.
        "ENGINE": "councilplan.config.db.sqlite3",
        "NAME": DATA_DIR / "councilplan.sqlite3",
        "OPTIONS": SQLITE_OPTIONS,
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only production collects static files; elsewhere WhiteNoise serves them from the apps.
STATIC_ROOT = None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files straight from the apps in the demo: no collectstatic step for newcomers.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "cycle:my-updates"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "councilplan.accounts.oidc.CouncilOidcBackend",
]

# Sign-in with the council's identity provider over OpenID Connect (accounts/oidc.py): on
# when an issuer is set. The provider's endpoints are discovered from the issuer.
COUNCILPLAN_OIDC_ISSUER = env("COUNCILPLAN_OIDC_ISSUER", default="")
COUNCILPLAN_OIDC_NAME = env("COUNCILPLAN_OIDC_NAME", default="your council account")
COUNCILPLAN_OIDC_ORGANISATION = env("COUNCILPLAN_OIDC_ORGANISATION", default="")
COUNCILPLAN_OIDC_ROLE_GROUPS = env("COUNCILPLAN_OIDC_ROLE_GROUPS", default="")
COUNCILPLAN_PASSWORD_SIGN_IN = env.bool("COUNCILPLAN_PASSWORD_SIGN_IN", default=True)
OIDC_RP_CLIENT_ID = env("COUNCILPLAN_OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("COUNCILPLAN_OIDC_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc-callback"
LOGIN_REDIRECT_URL_FAILURE = "/sign-in/?provider=failed"
# Uploaded plan documents larger than this are refused (the import page says so).
COUNCILPLAN_UPLOAD_MAX_BYTES = env.int("COUNCILPLAN_UPLOAD_MAX_BYTES", default=20 * 2**20)
# Word and Excel files are zip packages: one that unpacks to more than this is refused.
COUNCILPLAN_MAX_UNCOMPRESSED_BYTES = env.int(
    "COUNCILPLAN_MAX_UNCOMPRESSED_BYTES", default=100 * 2**20
)
# Uploads over this size, and any PDF, are read by the background worker.
COUNCILPLAN_BACKGROUND_IMPORT_BYTES = env.int("COUNCILPLAN_BACKGROUND_IMPORT_BYTES", default=2**20)
# A plan with more items has its PDF, Word and Excel reports prepared by the worker.
COUNCILPLAN_BACKGROUND_REPORT_ITEMS = env.int("COUNCILPLAN_BACKGROUND_REPORT_ITEMS", default=500)

SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _position_cache() -> dict:
    """Where computed plan positions are kept for every worker process to share: files under
    the data directory, unless COUNCILPLAN_CACHE_URL names another cache (dbcache://TABLE
    after `createcachetable`, redis://HOST:6379/0, locmemcache:// for a single process)."""
    if env("COUNCILPLAN_CACHE_URL", default=""):
        return env.cache_url("COUNCILPLAN_CACHE_URL")
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "positions"),
        "OPTIONS": {"MAX_ENTRIES": 200},
    }


CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "positions": _position_cache(),
}

MAILERS = mailers_from(env, default_backend="django.core.mail.backends.console.EmailBackend")
# The licence published plans' open data (JSON and CSV on the public pages) is offered under.
COUNCILPLAN_OPEN_DATA_LICENCE = env(
    "COUNCILPLAN_OPEN_DATA_LICENCE", default="Open Government Licence v3.0"
)
COUNCILPLAN_OPEN_DATA_LICENCE_URL = env(
    "COUNCILPLAN_OPEN_DATA_LICENCE_URL",
    default="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
)
# Links in e-mails (reminders) point here.
COUNCILPLAN_SITE_URL = env("COUNCILPLAN_SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("COUNCILPLAN_FROM_EMAIL", default="councilplan@localhost")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Plain lines by default; one JSON object a line for a log platform (COUNCILPLAN_LOG_FORMAT=json).
LOG_AS_JSON = env("COUNCILPLAN_LOG_FORMAT", default="") == "json"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "councilplan.operations.logs.JsonLineFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **(
                {"formatter": "json"} if env("COUNCILPLAN_LOG_FORMAT", default="") == "json" else {}
            ),
        }
    },
    "root": {"handlers": ["console"], "level": env("COUNCILPLAN_LOG_LEVEL", default="WARNING")},
}
