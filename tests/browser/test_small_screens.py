"""At 320 CSS pixels wide (a small phone, or 400% zoom on a laptop) nothing scrolls sideways
and every control is a target of at least 24 by 24 pixels (WCAG 2.2, 2.5.8)."""

from __future__ import annotations

import pytest

from .pages import PAGES

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}

# Links inline in running text are exempt (WCAG 2.5.8's "inline" exception), as are things
# not drawn (closed details, hidden, or visually hidden for screen readers only).
SMALL_TARGETS = """() => {
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label';
  const small = [];
  for (const el of document.querySelectorAll(controls)) {
    const choice = el.control && ['checkbox', 'radio'].includes(el.control.type);
    if (el.tagName === 'LABEL' && !choice) { continue; }
    if (el.closest('[aria-hidden=true], .visually-hidden') || !el.getClientRects().length) {
      continue;
    }
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden') { continue; }
    if (el.tagName === 'A' && style.display === 'inline' && el.closest('p, li, dd')) { continue; }
    const box = el.getBoundingClientRect();
    if (box.width < 24 || box.height < 24) {
      const size = `${box.width.toFixed(1)}x${box.height.toFixed(1)}`;
      small.push(`${el.outerHTML.slice(0, 100)} is ${size}`);
    }
  }
  return small;
}"""


@pytest.mark.parametrize("state", PAGES, ids=str)
def test_nothing_scrolls_sideways_and_targets_are_big_enough_at_320_pixels(
    new_context, server, state
):
    page = new_context(viewport=NARROW).new_page()
    state.open(page, server)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"{state} is {width}px wide"
    small = page.evaluate(SMALL_TARGETS)
    assert not small, f"{state} has small targets:\n" + "\n".join(small)
