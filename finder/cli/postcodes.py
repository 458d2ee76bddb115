"""`flask --app finder postcodes build`: rebuild the postcode and place index (for example
after a new data release)."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import Flask
from flask import current_app
from flask.cli import AppGroup

from finder.geo import index

postcodes_cli = AppGroup("postcodes", help="The offline postcode and place index.")


@postcodes_cli.command("build")
@click.option("--area", "areas", multiple=True, help="Only this postcode area (repeatable).")
def build_index(areas: tuple[str, ...]) -> None:
    """Build (or rebuild) the index from the data installed with the app."""
    path = Path(current_app.config["FINDER_POSTCODE_INDEX"])
    started = time.perf_counter()
    meta = index.build(path, areas or None)
    seconds = time.perf_counter() - started
    megabytes = path.stat().st_size / 1_000_000
    click.echo(
        f"Built {path} in {seconds:.1f} s ({megabytes:.1f} MB): {meta['postcodes']} postcodes."
    )
    click.echo("Restart the app's processes to use it.")


def init_app(app: Flask) -> None:
    app.cli.add_command(postcodes_cli)
