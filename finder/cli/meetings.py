"""Command-line interface: `flask --app finder meetings ...`."""

import contextlib
import sys

import click
from flask import Flask
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func
from sqlalchemy import select

from finder.extensions import db
from finder.importers import DEFAULT_FELLOWSHIP
from finder.importers import PARSERS
from finder.importers import FeedError
from finder.importers import ImportReport
from finder.importers import SourceError
from finder.importers import load_demo_data
from finder.importers import read_source
from finder.importers import remove_demo_data
from finder.importers import sync
from finder.meetings import fellowships
from finder.meetings.feed import feed_json
from finder.meetings.reindex import reindex_meetings
from finder.models import Meeting
from finder.models.times import utcnow
from finder.peer.demo import load_demo_volunteers
from finder.peer.demo import remove_demo_volunteers
from finder.peer.demo_outcomes import load_demo_outcomes
from finder.peer.demo_outcomes import remove_demo_outcomes

meetings_cli = AppGroup("meetings", help="Import, export and seed meeting data.")


@meetings_cli.command("import")
@click.argument("source")
@click.option(
    "--format",
    "feed_format",
    type=click.Choice(sorted(PARSERS)),
    default="meeting-guide",
    show_default=True,
    help="meeting-guide (JSON), bmlt (GetSearchResults JSON) or csv (TSML template).",
)
@click.option(
    "--fellowship",
    help="Slug of the fellowship of rows that do not name one (BMLT default: na).",
)
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--verbose", is_flag=True, help="Also list each meeting added, updated or removed.")
def import_meetings(source: str, feed_format: str, fellowship: str | None, dry_run: bool,
                    verbose: bool) -> None:
    """Import (or re-import) SOURCE, a file path or http(s) URL, as one source.

    Meetings the source no longer lists are removed. If any row is wrong, nothing is
    written and every wrong row is listed. Prints the totals (each change with --verbose).
    """
    fellowship = fellowship or DEFAULT_FELLOWSHIP.get(feed_format)
    if fellowship and fellowships.get(fellowship) is None:
        known = ", ".join(sorted(fellowships.by_slug()))
        raise click.BadParameter(
            f"{fellowship!r} is not one of: {known}", param_hint="--fellowship"
        )
    try:
        location, text = read_source(source)
        parsed = PARSERS[feed_format](text, fellowship)
    except (SourceError, FeedError) as error:
        raise click.ClickException(str(error)) from None
    with _progress_bar(len(parsed.records)) as bar:
        report = sync(
            parsed,
            location=location,
            format=feed_format,
            fellowship=fellowship,
            dry_run=dry_run,
            progress=bar.update if bar else None,
        )
    _echo_report(report, verbose=verbose)


@meetings_cli.command("export")
def export_meetings() -> None:
    """Write every real meeting as a Meeting Guide JSON feed to standard output (meeting page
    links start with FINDER_BASE_URL)."""
    click.echo(feed_json(current_app.config["FINDER_BASE_URL"]))


@meetings_cli.command("load-demo")
def load_demo() -> None:
    """Load the fictional demo meetings and volunteers (replacing earlier copies of them)."""
    if current_app.config.get("FINDER_ENV") == "production":
        raise click.ClickException(
            "Production never loads the demo data: its coordinator's password is public.")
    _echo_report(load_demo_data())
    click.echo(f"Loaded {load_demo_volunteers()} demo volunteers and coordinators.")
    click.echo(f"Loaded {load_demo_outcomes(utcnow())} fictional outcome events.")


@meetings_cli.command("remove-demo")
def remove_demo() -> None:
    """Delete the fictional demo meetings, volunteers and coordinator."""
    click.echo(f"Removed {remove_demo_data()} demo meetings.")
    click.echo(f"Removed {remove_demo_volunteers()} demo volunteers and coordinators.")
    click.echo(f"Removed {remove_demo_outcomes()} fictional outcome events.")


@meetings_cli.command("reindex")
def reindex() -> None:
    """Recompute what search derives from every meeting (after an upgrade that changes it)."""
    click.echo(f"Reindexed {db.session.scalar(select(func.count(Meeting.id)))} meetings; "
               f"{reindex_meetings(db.session)} changed.")


def _progress_bar(length: int):
    """A progress bar on a terminal; nothing when output goes to a file or a pipe."""
    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    return click.progressbar(length=length, label="Checking meetings", file=sys.stderr)


def _echo_report(report: ImportReport, *, verbose: bool = False) -> None:
    """Each bad row with where it is and why, each change (if verbose), then the totals;
    exit 1 on errors."""
    for error in report.errors:
        click.echo(f"Error: {error}", err=True)
    will = report.dry_run
    for heading, names in (
        ("Will add" if will else "Added", report.added),
        ("Will update" if will else "Updated", report.updated),
        ("Will remove" if will else "Removed", report.removed),
    ):
        for name in names if verbose else ():
            click.echo(f"{heading}: {name}")
    click.echo(report.summary())
    if report.errors:
        raise click.exceptions.Exit(1)


def init_app(app: Flask) -> None:
    app.cli.add_command(meetings_cli)
