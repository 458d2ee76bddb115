"""`flask --app finder sources add | list | remove | sync`: the feeds the finder reads."""

from __future__ import annotations

import click
from flask import Flask
from flask import current_app
from flask.cli import AppGroup

from finder.cli.meetings import _echo_report
from finder.cli.meetings import _progress_bar
from finder.importers import DEFAULT_FELLOWSHIP
from finder.importers import PARSERS
from finder.importers import FeedError
from finder.importers import ImportReport
from finder.importers import SourceError
from finder.importers import registry
from finder.meetings import fellowships
from finder.models import MeetingSource

sources_cli = AppGroup("sources", help="The meeting feeds the finder reads, and syncing them.")


@sources_cli.command("add")
@click.argument("location")
@click.option("--format", "feed_format", type=click.Choice(sorted(PARSERS)), required=True,
              help="meeting-guide (JSON), bmlt (GetSearchResults JSON) or csv (TSML template).")
@click.option("--fellowship", help="Slug of the fellowship of rows that do not name one.")
@click.option("--every", help="How often the worker syncs it: 30m, 6h, 1d (default: by hand).")
@click.option("--name", help="What to call it (default: from the fellowship and address).")
def add(location: str, feed_format: str, fellowship: str | None, every: str | None,
        name: str | None) -> None:
    """List LOCATION, a file path or http(s) URL, as a source (sync it with `sources sync`)."""
    fellowship = fellowship or DEFAULT_FELLOWSHIP.get(feed_format)
    if fellowship and fellowships.get(fellowship) is None:
        known = ", ".join(sorted(fellowships.by_slug()))
        raise click.BadParameter(f"{fellowship!r} is not one of: {known}",
                                 param_hint="--fellowship")
    try:
        every_minutes = registry.parse_every(every) if every else None
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--every") from None
    try:
        source = registry.add_source(location, format=feed_format, fellowship=fellowship,
                                     name=name, every_minutes=every_minutes)
    except registry.SourceExists as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Added source {source.name}: {source.location}")


@sources_cli.command("list")
def list_sources() -> None:
    """Each source: where it is, how often it is read, and what its last sync did."""
    sources = registry.listed_sources()
    if not sources:
        click.echo("No sources yet: add one with `flask sources add`.")
    for source in sources:
        click.echo(describe(source))


def describe(source: MeetingSource) -> str:
    every = f"every {source.every_minutes} min" if source.every_minutes else "by hand"
    fellowship = source.fellowship or "-"
    lines = [f"{source.name}: {source.format}, {fellowship}, {every}, {source.location}"]
    if source.last_success_at:
        lines.append(
            f"  last read {source.last_success_at:%Y-%m-%d %H:%M} UTC: {source.added} added, "
            f"{source.updated} updated, {source.unchanged} unchanged, "
            f"{source.removed} removed, {source.rejected} rejected")
    else:
        lines.append("  never read")
    if source.last_error:
        when = f"{source.last_attempt_at:%Y-%m-%d %H:%M} UTC" if source.last_attempt_at else ""
        lines.append(f"  failed {when} ({source.failures} in a row, "
                     f"{source.rejected} rows rejected):")
        lines.extend(f"    {line}" for line in source.last_error.splitlines())
    return "\n".join(lines)


@sources_cli.command("remove")
@click.argument("name")
def remove(name: str) -> None:
    """Stop reading source NAME and remove its meetings."""
    source = _named(name)
    click.echo(f"Removed source {name} and its {registry.remove_source(source)} meetings.")


@sources_cli.command("sync")
@click.argument("name", required=False)
@click.option("--all", "every_source", is_flag=True, help="Sync every source.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--confirm", is_flag=True,
              help="Go ahead even if the sync removes more than FINDER_SOURCE_REMOVAL_SHARE "
              "(30%) of the source's meetings.")
@click.option("--verbose", "-v", is_flag=True, help="One line per meeting added/updated/removed.")
def sync_command(name: str | None, every_source: bool, dry_run: bool, confirm: bool,
                 verbose: bool) -> None:
    """Read source NAME (or --all) and make its meetings match it; exit 1 if any failed."""
    if bool(name) == every_source:
        raise click.UsageError("Name one source, or give --all.")
    sources = registry.listed_sources() if every_source else [_named(name or "")]
    failed = 0
    for source in sources:
        failed += not _sync_one(source, dry_run=dry_run, confirm=confirm, verbose=verbose)
    if failed:
        raise click.exceptions.Exit(1)


def _sync_one(source: MeetingSource, *, dry_run: bool, confirm: bool, verbose: bool) -> bool:
    name = source.name
    bars = []

    def progress(total: int):
        bar = _progress_bar(total)
        bars.append(bar)
        entered = bar.__enter__()
        return entered.update if entered else None

    try:
        report = registry.sync_source(
            source, dry_run=dry_run, confirm=confirm, progress=progress,
            removal_share=current_app.config["FINDER_SOURCE_REMOVAL_SHARE"])
    except (SourceError, FeedError) as error:
        click.echo(f"{name}: failed, meetings kept: {error}", err=True)
        return False
    finally:
        for bar in bars:
            bar.__exit__(None, None, None)
    _echo(report, name or "", verbose)
    return report.ok and not report.held_back


def _echo(report: ImportReport, name: str, verbose: bool) -> None:
    if verbose or report.errors:
        try:
            _echo_report(report, verbose=verbose)
            return
        except click.exceptions.Exit:
            return
    click.echo(f"{name}: {report.summary()}")


def _named(name: str) -> MeetingSource:
    source = registry.find_source(name)
    if source is None:
        known = ", ".join(s.name or "" for s in registry.listed_sources()) or "none yet"
        raise click.ClickException(f"No source is called {name!r} (sources: {known}).")
    return source


def init_app(app: Flask) -> None:
    app.cli.add_command(sources_cli)
