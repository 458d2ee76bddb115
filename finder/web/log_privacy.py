"""Keep what people type and secret links out of access logs.

Search text (postcodes, towns), the secret status links of requests and groups' signed links
are secrets or personal data;
the development server and gunicorn log request lines, so those lines are redacted."""

from __future__ import annotations

import logging
import re

SECRET_PATHS = re.compile(r"(/request-status/|/group-statement/(?!thank-you))[^\s/?\"]+")
QUERY_STRING = re.compile(r"\?[^\s\"]*")


def redact(text: str) -> str:
    return QUERY_STRING.sub("?[redacted]", SECRET_PATHS.sub(r"\1[redacted]", text))


class RedactRequestLines(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        record.msg = redact(str(record.msg))
        return True


def install() -> None:
    for name in ("werkzeug", "gunicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactRequestLines) for f in logger.filters):
            logger.addFilter(RedactRequestLines())
