"""axe-core's WCAG 2.2 A and AA rules find nothing on any page, in any language or colour scheme.
Every page state is checked in English; in Welsh and Polish too, except a state that shows
another state's page again (see PageState.same_page_as), which that state's checks cover."""

from __future__ import annotations

import pytest

from .harness import AXE_SCRIPT
from .pages import IN_EVERY_LANGUAGE
from .pages import LANGUAGES
from .pages import PAGES
from .pages import PAGES_BY_NAME
from .pages import choose_language

pytestmark = pytest.mark.browser

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary']!r}")
    return "\n".join(lines)


def check(new_context, server, state, language, color_scheme="light"):
    # axe is injected as a script, which the app's CSP (rightly) forbids, so only these
    # contexts bypass the CSP; every other browser test runs with it enforced.
    page = new_context(bypass_csp=True, color_scheme=color_scheme).new_page()
    if language != "en":
        choose_language(page, server, language)
    state.open(page, server)
    assert page.evaluate("document.documentElement.lang").startswith(language)
    violations = axe_violations(page)
    assert not violations, f"{state} in {language} ({color_scheme}):\n{describe(violations)}"


@pytest.mark.parametrize(("state", "language"), IN_EVERY_LANGUAGE,
                         ids=[f"{state}-{language}" for state, language in IN_EVERY_LANGUAGE])
def test_no_axe_violations(new_context, server, state, language):
    check(new_context, server, state, language)


def test_every_page_is_checked_in_every_language():
    """A state checked in English alone names one that shows the same page in every language."""
    checked = {(state.name, language) for state, language in IN_EVERY_LANGUAGE}
    for state in PAGES:
        covering = state.same_page_as or state.name
        assert PAGES_BY_NAME[covering].same_page_as is None, state
        assert {(covering, language) for language in LANGUAGES} <= checked, state


@pytest.mark.parametrize("name", ["home", "results", "filters-open", "meeting", "validation-error",
                                  "groups", "coordinator-outcomes"])
def test_no_axe_violations_in_dark_mode(new_context, server, name):
    check(new_context, server, PAGES_BY_NAME[name], "en", color_scheme="dark")


def test_the_check_finds_a_planted_violation(new_context, server):
    """So that a silent failure to run axe cannot pass for a clean page."""
    page = new_context(bypass_csp=True).new_page()
    page.goto(server.url("/"))
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}
