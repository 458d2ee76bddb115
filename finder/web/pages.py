"""The one place that decides between a whole page and a fragment for htmx, and where a
redirect may lead."""

from __future__ import annotations

from flask import Response
from flask import render_template

from finder.extensions import htmx


def wants_fragment() -> bool:
    """htmx asked for part of a page; boosted and history-restore requests get the whole page."""
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page_or_fragment(page: str, fragment: str, status: int = 200, **context) -> Response:
    """Render the page, or just its fragment for htmx. Both vary on HX-Request."""
    is_fragment = wants_fragment()
    template = fragment if is_fragment else page
    response = Response(
        render_template(template, is_fragment=is_fragment, **context), status=status
    )
    response.vary.add("HX-Request")
    return response


def local_path_or(target: str | None, fallback: str) -> str:
    """`target` if it is a path on this site, else `fallback`: a `next=` parameter must never
    send people to another site."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return fallback
