"""Moving through a page with the keyboard, checking at every step that focus can be seen."""

from __future__ import annotations

from playwright.sync_api import Page

# What the focused element looks like: an outline that is drawn and not transparent, or a
# box-shadow (the links' and buttons' yellow-and-black focus style).
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const style = getComputedStyle(el);
  const transparent = c => c === 'transparent' || /rgba\\(.*,\\s*0\\)$/.test(c);
  return {
    element: el.outerHTML.slice(0, 120),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
             && !transparent(style.outlineColor),
    shadow: style.boxShadow !== 'none',
  };
}"""


def assert_focus_visible(page: Page) -> None:
    focus = page.evaluate(FOCUS_STYLE)
    assert focus is not None, "nothing has focus"
    assert focus["outline"] or focus["shadow"], f"focus cannot be seen on {focus['element']}"


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches the selector; focus must show at each stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert_focus_visible(page)
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached in {limit} presses of Tab")
