"""Horizontal bar charts drawn on the server as inline SVG: no JavaScript, nothing fetched.

Each group (a month, a group, an area...) is a bold label with one bar per series under it,
the value written after the bar; a withheld value has no bar, only its words. The drawing is
320 units wide so it reads at 360 px without scaling its text down; colours come from the
page's stylesheet (classes chart__bar--<series>), so dark mode and print follow the page.
The numbers are always in a table beside the chart: the chart's name says so."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup
from markupsafe import escape

WIDTH = 320
BAR_SPACE = 240  # the longest bar; its value is written after it
BAR_HEIGHT = 12
BAR_GAP = 4
LABEL_HEIGHT = 18
GROUP_GAP = 10
LEGEND_LINE = 18


@dataclass(frozen=True)
class Bar:
    series: str  # a code: names the CSS class that colours it
    value: int | None  # None: withheld (drawn as words only)
    text: str  # what is written after the bar


@dataclass(frozen=True)
class Group:
    label: str
    bars: Sequence[Bar]


def _text(x: float, y: float, words: str, css: str = "chart__text") -> str:
    return f'<text x="{x:g}" y="{y:g}" class="{css}">{escape(words)}</text>'


def draw(chart_id: str, name: str, legend: Sequence[tuple[str, str]],
         groups: Sequence[Group]) -> Markup:
    """An SVG chart; `legend` is (series code, words) in the order the bars are drawn."""
    largest = max((bar.value or 0 for group in groups for bar in group.bars), default=0) or 1
    parts = []
    y = 0.0
    for series, words in legend:
        parts.append(f'<rect x="0" y="{y + 3:g}" width="12" height="12" '
                     f'class="chart__bar chart__bar--{escape(series)}"/>')
        parts.append(_text(18, y + 13, words))
        y += LEGEND_LINE
    y += GROUP_GAP
    for group in groups:
        parts.append(_text(0, y + 13, group.label, "chart__label"))
        y += LABEL_HEIGHT
        for bar in group.bars:
            length = 0.0 if bar.value is None else BAR_SPACE * bar.value / largest
            if length:
                parts.append(f'<rect x="0" y="{y:g}" width="{length:.1f}" height="{BAR_HEIGHT}" '
                             f'class="chart__bar chart__bar--{escape(bar.series)}"/>')
            parts.append(_text(length + 4 if length else 0, y + BAR_HEIGHT - 1, bar.text))
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    height = max(y, 1)
    title_id = f"{chart_id}-title"
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" class="chart" '
        f'role="img" aria-labelledby="{escape(title_id)}" width="{WIDTH}" height="{height:g}" '
        f'viewBox="0 0 {WIDTH} {height:g}"><title id="{escape(title_id)}">{escape(name)}</title>'
        + "".join(parts) + "</svg>")
