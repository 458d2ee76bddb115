"""A meeting's schema.org data, as a browser under the real content security policy sees it."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def test_a_meeting_page_s_json_ld_passes_the_content_security_policy(browser_page, server):
    page = browser_page
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto(server.url(f"/meetings/{server.a_meeting_slug()}"))
    violations = page.evaluate("""() => new Promise(resolve => {
        const seen = [];
        document.addEventListener("securitypolicyviolation", e => seen.push(e.violatedDirective));
        setTimeout(() => resolve(seen), 200);
    })""")
    data = page.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(data)["@type"] == "Event"
    assert violations == []
    assert problems == []
