"""Who takes an outbox message: a sender per channel, chosen by the settings.

- email: GOV.UK Notify when FINDER_NOTIFY_EMAIL_TEMPLATE_ID (and the API key) is set, else
  SMTP when SMTP_HOST is set, else nobody: the email waits in the outbox;
- sms (text messages): GOV.UK Notify when FINDER_NOTIFY_SMS_TEMPLATE_ID (and the API key) is
  set, else nobody: the text waits in the outbox.

Notify sends through templates. Ours are generic: an email template whose subject is
`((subject))` and whose message is `((body))`, and a text message template whose message is
`((body))`; the words are ours, rendered from finder/templates/, passed as personalisation.

Each sender calls `before_content()` just before the message leaves (the outbox records the
attempt there; False means another worker has it) and raises NotSent when the message did not
go, or OutcomeUnknown when it may have."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from typing import Protocol

from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from finder.models import OutboxMessage

# Shorter than the outbox's claim timeout, so a worker waiting on Notify keeps its claims.
NOTIFY_TIMEOUT_SECONDS = 20


class ClaimLost(Exception):
    """Another worker took the message over (this one was too slow): it sends nothing."""


class NotSent(Exception):
    """The message did not go (or, with Notify, the next try asks before sending again)."""


class OutcomeUnknown(Exception):
    """The provider may have taken the message: it is never sent again automatically."""


class Sender(Protocol):
    @property
    def name(self) -> str:
        """Recorded on each attempt (vocabulary.OUTBOX_SENDERS)."""
        ...

    def send(self, message: OutboxMessage, before_content: Callable[[str], bool]) -> str | None:
        """Send; returns the provider's id for the message, when it gives one."""
        ...


def reference(message: OutboxMessage) -> str:
    """The same on every attempt: built from the row, not from the moment of sending."""
    return f"outbox-{message.id}-{message.created_at:%Y%m%d%H%M%S}"


def message_id(message: OutboxMessage, sender: str) -> str:
    """An email's Message-ID, the same on every attempt."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    return f"<{reference(message)}@{domain}>"


@dataclass(frozen=True)
class SmtpSender:
    host: str
    port: int
    username: str
    password: str
    starttls: bool
    sender: str
    timeout: float = 20
    name: str = "smtp"

    @classmethod
    def from_config(cls, config: Mapping) -> SmtpSender:
        return cls(config["SMTP_HOST"], config["SMTP_PORT"], config["SMTP_USERNAME"],
                   config["SMTP_PASSWORD"], config["SMTP_STARTTLS"], config["MAIL_FROM"],
                   config.get("SMTP_TIMEOUT_SECONDS", 20))


    def send(self, message: OutboxMessage, before_content: Callable[[str], bool]) -> None:
        """A mail server takes a message at the end of DATA: a connection that breaks after
        the content started leaves it unknown whether it was delivered."""
        email = EmailMessage()
        email["From"] = self.sender
        email["To"] = message.to
        email["Subject"] = message.subject
        email["Message-ID"] = message_id(message, self.sender)
        email.set_content(message.body)
        content_started = False
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as connection:
                if self.starttls:
                    connection.starttls()
                if self.username:
                    connection.login(self.username, self.password)
                if not before_content(self.name):
                    raise ClaimLost
                content_started = True
                connection.send_message(email)
        except smtplib.SMTPResponseException as error:  # the server said no: not delivered
            raise NotSent(_describe(error)) from error
        except (OSError, smtplib.SMTPException) as error:
            if content_started:
                raise OutcomeUnknown(_describe(error)) from error
            raise NotSent(_describe(error)) from error


@dataclass(frozen=True)
class NotifySender:
    """GOV.UK Notify, for email or text messages. Notify keeps each message's `reference` and
    can list messages by it, so an attempt whose answer was lost (a 500, a timeout, a worker
    that died) is followed by a question, "do you have this reference?", before any resend:
    a retry never sends a second copy of a message Notify already has."""

    client: NotificationsAPIClient
    channel: str
    template_id: str
    name: str = "notify"

    @classmethod
    def from_config(cls, config: Mapping, channel: str) -> NotifySender:
        template = config["FINDER_NOTIFY_SMS_TEMPLATE_ID" if channel == "sms"
                          else "FINDER_NOTIFY_EMAIL_TEMPLATE_ID"]
        client = NotificationsAPIClient(config["FINDER_NOTIFY_API_KEY"],
                                        base_url=config["FINDER_NOTIFY_BASE_URL"],
                                        timeout=NOTIFY_TIMEOUT_SECONDS)
        return cls(client, channel, template)

    def already_has(self, message: OutboxMessage) -> str | None:
        """Notify's id for this message, if an earlier attempt reached it."""
        try:
            found = self.client.get_all_notifications(template_type=self.channel,
                                                      reference=reference(message))
        except APIError as error:
            raise NotSent(f"checking for an earlier copy: {_describe(error)}") from error
        notifications = found.get("notifications") or []
        return notifications[0]["id"] if notifications else None

    def send(self, message: OutboxMessage, before_content: Callable[[str], bool]) -> str:
        if message.sent_via == self.name:  # an earlier attempt went to Notify: ask first
            earlier = self.already_has(message)
            if earlier is not None:
                return earlier
        if not before_content(self.name):
            raise ClaimLost
        try:
            if self.channel == "sms":
                answer = self.client.send_sms_notification(
                    message.to, self.template_id, personalisation={"body": message.body},
                    reference=reference(message))
            else:
                answer = self.client.send_email_notification(
                    message.to, self.template_id,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=reference(message))
        except APIError as error:
            raise NotSent(_describe(error)) from error
        return answer["id"]


def _describe(error: Exception) -> str:
    """The kind of failure and the provider's status, never an address or the content."""
    status = getattr(error, "status_code", None) or getattr(error, "smtp_code", None)
    return f"{type(error).__name__}" + (f" {status}" if status else "")


def for_channel(channel: str, config: Mapping) -> Sender | None:
    """The sender configured for a channel, or None (its messages wait in the outbox)."""
    notify = bool(config.get("FINDER_NOTIFY_API_KEY"))
    if channel == "sms":
        if notify and config.get("FINDER_NOTIFY_SMS_TEMPLATE_ID"):
            return NotifySender.from_config(config, "sms")
        return None
    if notify and config.get("FINDER_NOTIFY_EMAIL_TEMPLATE_ID"):
        return NotifySender.from_config(config, "email")
    if config.get("SMTP_HOST"):
        return SmtpSender.from_config(config)
    return None
