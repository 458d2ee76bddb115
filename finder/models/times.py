"""The one definition of "now" for stored times: naive UTC, as every timestamp column holds."""

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
