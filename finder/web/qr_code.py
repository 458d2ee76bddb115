"""QR codes for printed lists, drawn as inline SVG by segno (nothing fetched from elsewhere)."""

from __future__ import annotations

import segno
from markupsafe import Markup


def svg(url: str) -> Markup:
    """The code as an inline <svg>, dark on white (with its quiet zone) in either colour scheme.
    segno writes only its own markup: the URL is in the drawn modules, never in the text."""
    drawn = segno.make(url, error="m", micro=False).svg_inline(scale=3, dark="#000", light="#fff")
    return Markup(drawn.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
