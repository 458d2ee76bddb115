"""`flask --app finder users ...` and `flask --app finder worker`."""

from __future__ import annotations

import os
import socket
import time

import click
from flask import Flask
from flask import current_app
from flask.cli import AppGroup

from finder import logs
from finder.extensions import db
from finder.importers import scheduled
from finder.models import OutboxMessage
from finder.models.times import utcnow
from finder.peer import accounts
from finder.peer import outbox
from finder.peer import senders
from finder.peer import timers
from finder.vocabulary import OUTBOX_CHANNELS

users_cli = AppGroup("users", help="Volunteer and coordinator accounts.")


def _create(email: str, password: str, first_name: str, role: str) -> None:
    if accounts.find_by_email(db.session, email) is not None:
        raise click.ClickException(f"There is already an account for {email}.")
    if len(password) < accounts.MIN_PASSWORD_LENGTH:
        raise click.ClickException(
            f"Use a password of at least {accounts.MIN_PASSWORD_LENGTH} characters.")
    accounts.create(db.session, email, password, first_name, role=role, approved=True)
    click.echo(f"Created {role} {email}.")


@users_cli.command("create-coordinator")
@click.argument("email")
@click.option("--first-name", default="Coordinator", show_default=True)
@click.password_option(help="Prompted for when not given.")
def create_coordinator(email: str, first_name: str, password: str) -> None:
    """Create an approved coordinator account for EMAIL."""
    _create(email, password, first_name, "coordinator")


@users_cli.command("create-volunteer")
@click.argument("email")
@click.option("--first-name", required=True)
@click.password_option(help="Prompted for when not given.")
def create_volunteer(email: str, first_name: str, password: str) -> None:
    """Create an approved volunteer account for EMAIL (they fill in their profile after)."""
    _create(email, password, first_name, "volunteer")


def run_once(worker: str) -> dict[str, int]:
    """Timers, the outbox, then the meeting sources that are due. Safe on several hosts at once."""
    config = current_app.config
    counts = timers.advance(db.session, utcnow(), config)
    counts.update(outbox.send_due(db.session, worker, utcnow(), config, clock=utcnow))
    counts.update(scheduled.sync_due(
        utcnow(), removal_share=config["FINDER_SOURCE_REMOVAL_SHARE"],
        failures_before_email=config["FINDER_SOURCE_FAILURES_BEFORE_EMAIL"]))
    db.session.remove()
    return counts


@click.command("worker")
@click.option("--once", is_flag=True, help="Do one pass and exit (for cron).")
def worker_command(once: bool) -> None:
    """Send queued email, move requests along (waves, escalation, reminders), erase old data,
    sync meeting sources when due."""
    worker = f"{socket.gethostname()}:{os.getpid()}"
    logs.init_worker()
    for channel in OUTBOX_CHANNELS:
        if senders.for_channel(channel, current_app.config) is None:
            logs.worker_log.warning("No sender is set up for %s: such messages stay in the "
                                    "outbox until one is (see the README's configuration).",
                                    channel)
    while True:
        counts = run_once(worker)
        logs.worker_log.info(
            " ".join(f"{key}={value}" for key, value in counts.items() if value) or "idle")
        if once:
            return
        time.sleep(current_app.config["FINDER_WORKER_INTERVAL_SECONDS"])


outbox_cli = AppGroup("outbox", help="Email that may or may not have been delivered.")


@outbox_cli.command("unconfirmed")
def list_unconfirmed() -> None:
    """List messages a worker stopped sending while the mail server had them."""
    found = outbox.unconfirmed(db.session)
    for message in found:  # no addresses or contents: ids, times and the error
        click.echo(f"{message.id}\tcreated {message.created_at:%Y-%m-%d %H:%M} UTC\t"
                   f"attempts {message.attempts}\t{message.last_error or 'worker stopped'}")
    click.echo(f"{len(found)} unconfirmed message(s). Ask the mail server's logs (Message-ID "
               f"<outbox-ID-...>) whether each went, then `flask outbox resend ID` or "
               f"`flask outbox drop ID`.", err=True)


def _decide(message_id: int, resend: bool) -> None:
    message = db.session.get(OutboxMessage, message_id)
    if message is None or message.status != "unconfirmed":
        raise click.ClickException(f"No unconfirmed message {message_id}.")
    outbox.decide(db.session, message, resend, utcnow())
    click.echo(f"Message {message_id} {'will be sent again' if resend else 'dropped'}.")


@outbox_cli.command("resend")
@click.argument("message_id", type=int)
def resend(message_id: int) -> None:
    """Send an unconfirmed message again (it was not delivered)."""
    _decide(message_id, True)


@outbox_cli.command("drop")
@click.argument("message_id", type=int)
def drop(message_id: int) -> None:
    """Mark an unconfirmed message failed (it was delivered, or is no longer wanted)."""
    _decide(message_id, False)


def init_app(app: Flask) -> None:
    app.cli.add_command(users_cli)
    app.cli.add_command(outbox_cli)
    app.cli.add_command(worker_command)
