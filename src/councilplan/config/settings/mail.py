"""Which e-mail backend sends councilplan's messages, from the environment (docs/operations.md):
SMTP or the console by default, or GOV.UK Notify (`COUNCILPLAN_EMAIL_BACKEND=notify`)."""

from typing import Any

import environ

NOTIFY_BACKEND = "councilplan.operations.notify.NotifyEmailBackend"


def mailers_from(env: environ.Env, *, default_backend: str, **options: Any) -> dict[str, Any]:
    backend = env("COUNCILPLAN_EMAIL_BACKEND", default=default_backend)
    if backend in ("notify", NOTIFY_BACKEND):
        return {
            "default": {
                "BACKEND": NOTIFY_BACKEND,
                "OPTIONS": {
                    "api_key": env("COUNCILPLAN_NOTIFY_API_KEY", default=""),
                    "template_id": env("COUNCILPLAN_NOTIFY_TEMPLATE_ID", default=""),
                    "templates": env("COUNCILPLAN_NOTIFY_TEMPLATES", default=""),
                    "base_url": env(
                        "COUNCILPLAN_NOTIFY_URL", default="https://api.notifications.service.gov.uk"
                    ),
                    "reply_to_id": env("COUNCILPLAN_NOTIFY_REPLY_TO_ID", default=""),
                },
            }
        }
    return {"default": {"BACKEND": backend, **({"OPTIONS": options} if options else {})}}
