"""What people search for, and secret status links, never reach the access log."""

import logging

from finder.web.log_privacy import RedactRequestLines
from finder.web.log_privacy import redact


def test_query_strings_and_status_tokens_are_redacted():
    line = '127.0.0.1 - - "GET /meetings?near=LS1+4AP&ethos=secular HTTP/1.1" 200 -'
    assert redact(line) == '127.0.0.1 - - "GET /meetings?[redacted] HTTP/1.1" 200 -'
    assert redact("GET /request-status/abcDEF123_-x HTTP/1.1") == (
        "GET /request-status/[redacted] HTTP/1.1"
    )


def test_the_filter_rewrites_werkzeug_style_records():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        '%s - - "%s" %s',
        ("127.0.0.1", "GET /meetings?near=Leeds HTTP/1.1", "200"),
        None,
    )
    RedactRequestLines().filter(record)
    assert "Leeds" not in record.getMessage()


def test_the_filter_is_installed_on_the_servers_access_loggers(app):
    for name in ("werkzeug", "gunicorn.access"):
        assert any(isinstance(f, RedactRequestLines) for f in logging.getLogger(name).filters)


def test_a_groups_signed_link_is_redacted_but_its_thank_you_page_is_not():
    assert redact("POST /group-statement/eyJtZWV0aW5nIjoiYSJ9.Z1x.abc HTTP/1.1") == (
        "POST /group-statement/[redacted] HTTP/1.1")
    assert redact("GET /group-statement/thank-you HTTP/1.1") == (
        "GET /group-statement/thank-you HTTP/1.1")
