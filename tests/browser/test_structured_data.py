"""A meeting's schema.org data, as a browser under the real content security policy sees it."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def test_a_meeting_page_s_json_ld_raises_no_content_security_policy_error(browser_page, server):
    page = browser_page
    problems: list[str] = []
    # Chromium reports a blocked script or a policy violation as a console error.
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(server.url(f"/meetings/{server.a_meeting_slug()}"))
    data = page.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(data or "{}")["@type"] == "Event"
    assert problems == []
