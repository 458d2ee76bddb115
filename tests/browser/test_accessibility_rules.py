"""axe-core's WCAG 2.2 A and AA rules find nothing on any page, in any language or colour scheme,
and at 320 CSS pixels wide nothing scrolls sideways and every control is big enough to tap.

Every page state is opened once in English for both: axe, then the same page narrowed to
320 pixels (many states take signing in or filling in forms to reach, so opening each once
saves a minute). In Welsh and Polish every state is checked by axe too, except a state that
shows another state's page again (see PageState.same_page_as), which that state's checks
cover."""

from __future__ import annotations

import pytest

from .harness import AXE_SCRIPT
from .narrow import problems_at_320_pixels
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
AXE_SOURCE = AXE_SCRIPT.read_text()
IN_WELSH_AND_POLISH = [(state, language) for state, language in IN_EVERY_LANGUAGE
                       if language != "en"]


def axe_violations(page) -> list[dict]:
    # Evaluated through the browser's DevTools, which the app's content security policy does
    # not govern (it rightly refuses an added <script>), so every page is checked as it really
    # renders, under its policy.
    page.evaluate(AXE_SOURCE)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['failureSummary']!r}")
    return "\n".join(lines)


def open_in(new_context, server, state, language, color_scheme="light"):
    page = new_context(color_scheme=color_scheme).new_page()
    if language != "en":
        choose_language(page, server, language)
    state.open(page, server)
    assert page.evaluate("document.documentElement.lang").startswith(language)
    return page


def check(new_context, server, state, language, color_scheme="light"):
    page = open_in(new_context, server, state, language, color_scheme)
    violations = axe_violations(page)
    assert not violations, f"{state} in {language} ({color_scheme}):\n{describe(violations)}"


@pytest.mark.parametrize("state", PAGES, ids=str)
def test_no_axe_violations_in_english_and_at_320_pixels_nothing_too_wide_or_too_small(
    new_context, server, state
):
    page = open_in(new_context, server, state, "en")
    violations = axe_violations(page)
    narrow = problems_at_320_pixels(page)
    failures = []
    if violations:
        failures.append(f"{state} in en (light):\n{describe(violations)}")
    if narrow:
        failures.append(f"{state} at 320 pixels:\n" + "\n".join(narrow))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize(("state", "language"), IN_WELSH_AND_POLISH,
                         ids=[f"{state}-{language}" for state, language in IN_WELSH_AND_POLISH])
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
    page = new_context().new_page()
    page.goto(server.url("/"))
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}


def test_the_narrow_check_finds_a_planted_wide_box_and_a_small_button(new_context, server):
    page = new_context().new_page()
    page.goto(server.url("/"))
    assert problems_at_320_pixels(page) == []
    page.evaluate("""() => {
      const main = document.querySelector('main');
      const wide = document.createElement('pre');
      wide.textContent = 'x'.repeat(200);
      const button = document.createElement('button');
      button.textContent = '.';
      button.setAttribute('aria-label', 'A planted small button');
      main.append(wide, button);
      for (const [element, size] of [[wide, '600px'], [button, '10px']]) {
        element.style.setProperty('width', size);
        element.style.setProperty('min-width', size);
        element.style.setProperty('height', size);
        element.style.setProperty('min-height', size);
        element.style.setProperty('padding', '0');
      }
    }""")
    problems = problems_at_320_pixels(page)
    assert any("px wide" in problem for problem in problems), problems
    assert any("A planted small button" in problem for problem in problems), problems
