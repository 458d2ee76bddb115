"""Logs: one line format on standard output, for the app, gunicorn and the worker.

gunicorn.conf.py configures the same format for gunicorn's own loggers."""

from __future__ import annotations

import logging
import sys

from flask import Flask
from flask.logging import default_handler

FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"


def stdout_handler() -> logging.Handler:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


# What each pass of the background worker did ("sent=1", "idle"): logged in every
# environment, so a developer running `flask worker` sees it too.
worker_log = logging.getLogger("worker")


def init_worker() -> None:
    """The worker's records at INFO, on stdout in the one format (in production the app has
    already given the root logger that handler)."""
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(stdout_handler())
    worker_log.setLevel(logging.INFO)


def init_app(app: Flask) -> None:
    """In production the app's records go to the root logger, which writes to stdout (unless
    gunicorn or the host configured it already)."""
    if app.config.get("FINDER_ENV") != "production":
        return
    app.logger.removeHandler(default_handler)
    app.logger.setLevel(logging.INFO)
    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(stdout_handler())
        root.setLevel(logging.INFO)
