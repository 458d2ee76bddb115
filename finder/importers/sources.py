"""Reading a feed from a file path or an http(s) URL, with a time limit and a size cap."""

from __future__ import annotations

import re
from pathlib import Path

import requests

MAX_BYTES = 20 * 1024 * 1024
TIMEOUT_SECONDS = (5, 30)  # to connect, then between bytes
URL = re.compile(r"https?://", re.IGNORECASE)


class SourceError(Exception):
    """The feed could not be read; the message says why."""


def read_source(location: str) -> tuple[str, str]:
    """(where it came from, as the source is known from now on; its text).

    A file is known by its absolute path, so re-importing it from another directory is
    still the same source."""
    if URL.match(location):
        return location, _decode(_fetch(location), location)
    path = Path(location).expanduser().resolve()
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceError(f"{location} is larger than {MAX_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"cannot read {location}: {error.strerror}") from None
    return str(path), _decode(data, location)


def _fetch(url: str) -> bytes:
    chunks, size = [], 0
    try:
        with requests.get(
            url,
            timeout=TIMEOUT_SECONDS,
            stream=True,
            headers={"User-Agent": "finder-meeting-importer"},
        ) as response:
            response.raise_for_status()
            for chunk in response.iter_content(chunk_size=64 * 1024):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise SourceError(f"{url} sent more than {MAX_BYTES // 2**20} MB")
                chunks.append(chunk)
    except requests.RequestException as error:
        raise SourceError(f"could not fetch {url}: {error}") from None
    return b"".join(chunks)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{where} is not UTF-8 text (save it as UTF-8 and try again)") from None
