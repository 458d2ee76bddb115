"""Separate app processes for the race tests: each makes its own app, engine and connections,
as gunicorn workers, or workers on other hosts, do."""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext


def separate_processes(module: str) -> BaseContext:
    """A multiprocessing context whose processes are forked from a server process that has
    imported the app's code and the calling test module once, instead of each starting a fresh
    interpreter and importing it all again (several seconds each on a busy machine). Only
    imported code is shared: no app, engine or connection exists before a process starts."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["finder", module])
    return context
