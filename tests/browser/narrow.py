"""At 320 CSS pixels wide (a small phone, or 400% zoom on a laptop) nothing scrolls sideways
and every control is a target of at least 24 by 24 pixels (WCAG 2.2, 1.4.10 and 2.5.8)."""

from __future__ import annotations

from playwright.sync_api import Page

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


def problems_at_320_pixels(page: Page) -> list[str]:
    """Narrow the window to 320 pixels and say what is wrong there. The app's layout is CSS
    alone (no script measures the window), so the page is laid out as in a 320 px window."""
    page.set_viewport_size(NARROW)
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        problems.append(f"it is {width}px wide")
    problems += [f"small target: {target}" for target in page.evaluate(SMALL_TARGETS)]
    return problems
