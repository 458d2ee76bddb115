"""Text as people should see it: without invisible characters that disguise what it says.

Control characters (NUL, terminal escape codes), bidirectional overrides and isolates (which
can make "gpj.exe" read as "exe.jpg") and zero-width spaces are removed from everything typed
into the site and from imported meeting data. Tabs and line breaks stay; so do the zero-width
joiner and non-joiner, which some scripts need to spell words."""

from __future__ import annotations

import re

INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters except tab, LF, CR
    "\u200b\u200e\u200f\u2060\ufeff"  # zero-width space, direction marks, word joiner, BOM
    "\u202a-\u202e\u2066-\u2069]"  # bidirectional embeddings, overrides and isolates
)


def clean(text: str) -> str:
    return INVISIBLE.sub("", text)


def has_invisible(text: str) -> bool:
    return INVISIBLE.search(text) is not None
