"""Keep what people type and secret links out of access logs.

Search text (postcodes, towns), the secret status links of requests and groups' signed links
are secrets or personal data;
the development server and gunicorn log request lines, so those lines are redacted."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

SECRET_PATHS = re.compile(r"(/request-status/|/group-statement/(?!thank-you))[^\s/?\"]+")
QUERY_STRING = re.compile(r"\?[^\s\"]*")


def redact(text: str) -> str:
    return QUERY_STRING.sub("?[redacted]", SECRET_PATHS.sub(r"\1[redacted]", text))


def _redacted(value):
    return redact(value) if isinstance(value, str) else value


class RedactRequestLines(logging.Filter):
    """Werkzeug logs with positional arguments; gunicorn's access log with one mapping of
    atoms (`%(r)s`, `%(U)s`, `%(q)s`...), which must stay a mapping."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):  # in place: gunicorn's class answers "-" for gaps
            for key, value in list(dict.items(record.args)):
                dict.__setitem__(record.args, key, _redacted(value))
        elif isinstance(record.args, Mapping):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redacted(value) for value in record.args)
        record.msg = redact(str(record.msg))
        return True


def install() -> None:
    for name in ("werkzeug", "gunicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactRequestLines) for f in logger.filters):
            logger.addFilter(RedactRequestLines())
