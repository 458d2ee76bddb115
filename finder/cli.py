"""Command-line interface: `flask --app finder meetings ...`."""

import click
from flask import Flask
from flask.cli import AppGroup

meetings_cli = AppGroup("meetings", help="Import, export and seed meeting data.")


@meetings_cli.command("load-demo")
def load_demo() -> None:
    """Load the fictional demo meetings (replacing an earlier copy of them)."""
    from finder.importers import load_demo_data

    report = load_demo_data()
    click.echo(report.summary())


def init_app(app: Flask) -> None:
    app.cli.add_command(meetings_cli)
