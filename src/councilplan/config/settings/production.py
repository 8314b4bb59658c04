"""Production settings: refuse to start without a real secret and hosts."""

from django.core.exceptions import ImproperlyConfigured

from councilplan.config.settings.base import *  # noqa: F403
from councilplan.config.settings.base import DATA_DIR, env
from councilplan.config.settings.mail import mailers_from

SECRET_KEY = env("COUNCILPLAN_SECRET_KEY", default="")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "Set COUNCILPLAN_SECRET_KEY to a random value of at least 50 characters before "
        "running councilplan in production."
    )
ALLOWED_HOSTS = env.list("COUNCILPLAN_ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set COUNCILPLAN_ALLOWED_HOSTS to the site's host names.")

# Links in e-mails: the address people reach the site at, never a development default.
COUNCILPLAN_SITE_URL = env("COUNCILPLAN_SITE_URL", default="")
if not COUNCILPLAN_SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "Set COUNCILPLAN_SITE_URL to the site's address, like https://plans.example.gov.uk: "
        "the links in reminder e-mails are built from it."
    )

DEBUG = False
SECURE_SSL_REDIRECT = env.bool("COUNCILPLAN_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
STATIC_ROOT = env("COUNCILPLAN_STATIC_ROOT", default=str(DATA_DIR / "static"))

# Reminders and returned updates go out by SMTP unless another backend is named (or "notify").
MAILERS = mailers_from(
    env,
    default_backend="django.core.mail.backends.smtp.EmailBackend",
    host=env("COUNCILPLAN_SMTP_HOST", default="localhost"),
    port=env.int("COUNCILPLAN_SMTP_PORT", default=25),
    username=env("COUNCILPLAN_SMTP_USER", default=""),
    password=env("COUNCILPLAN_SMTP_PASSWORD", default=""),
    use_tls=env.bool("COUNCILPLAN_SMTP_TLS", default=False),
)
