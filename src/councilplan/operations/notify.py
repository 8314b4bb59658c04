"""E-mail through GOV.UK Notify, the public sector's messaging service, beside SMTP.

Chosen by configuration (`COUNCILPLAN_EMAIL_BACKEND=notify`, docs/operations.md). Each
message goes to Notify's API as one e-mail per recipient, with a template of the council's
own in Notify and the message's subject and body as its personalisation (`((subject))` and
`((body))`). A message may say what kind it is (the `X-Councilplan-Message` header:
reminder, overdue, returned…) to use a template of its own; otherwise the default
template is used. A failure is raised, never dropped, unless the caller asked for
`fail_silently`.
"""

from collections.abc import Sequence
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

NOTIFY_API_URL = "https://api.notifications.service.gov.uk"
MESSAGE_KIND_HEADER = "X-Councilplan-Message"
NOTIFY_NOT_CONFIGURED_ERROR = (
    "GOV.UK Notify is chosen for e-mail but {missing} is not set (see docs/operations.md)"
)
NOTIFY_REFUSED_ERROR = "GOV.UK Notify refused the e-mail to {address} ({status}): {detail}"


class NotifyError(RuntimeError):
    pass


def templates_parse(text: str) -> dict[str, str]:
    """`reminder=<id>,returned=<id>` → {"reminder": "<id>", "returned": "<id>"}."""
    pairs = (part.split("=", 1) for part in text.split(",") if "=" in part)
    return {kind.strip(): template.strip() for kind, template in pairs}


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(
        self,
        fail_silently: bool = False,
        *,
        api_key: str = "",
        template_id: str = "",
        templates: dict[str, str] | str | None = None,
        base_url: str = NOTIFY_API_URL,
        reply_to_id: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.fail_silently = fail_silently  # Django's own backends keep it themselves now
        for name, value in (("COUNCILPLAN_NOTIFY_API_KEY", api_key),
                            ("COUNCILPLAN_NOTIFY_TEMPLATE_ID", template_id)):  # fmt: skip
            if not value:
                raise NotifyError(NOTIFY_NOT_CONFIGURED_ERROR.format(missing=name))
        self.client = NotificationsAPIClient(api_key, base_url=base_url)
        self.default_template = template_id
        self.templates = (
            templates_parse(templates) if isinstance(templates, str) else dict(templates or {})
        )
        self.reply_to_id = reply_to_id or None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            try:
                self._send(message)
            except NotifyError:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent

    def _send(self, message: EmailMessage) -> None:
        kind = message.extra_headers.get(MESSAGE_KIND_HEADER, "")
        template = self.templates.get(kind, self.default_template)
        for address in message.recipients():
            try:
                self.client.send_email_notification(
                    email_address=address,
                    template_id=template,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=kind or None,
                    email_reply_to_id=self.reply_to_id,
                )
            except APIError as error:
                raise NotifyError(
                    NOTIFY_REFUSED_ERROR.format(
                        address=address, status=error.status_code, detail=error.message
                    )
                ) from error
