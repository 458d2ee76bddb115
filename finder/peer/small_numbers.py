"""The small-number rule for outcome figures: no count under 5 is shown, and no shown figure
lets anyone work one out.

- A count under 5 (0 included) is "small": shown only as "fewer than 5".
- Within a row, a count that is part of another (matched is part of received, went part of
  matched...) is hidden when the two differ by 1 to 4, since the difference is itself a count
  (6 received and 5 matched would say exactly 1 went unmatched).
- Within a column, when the total is shown, the hidden cells together must hide at least 5:
  otherwise the total minus the shown cells gives them away. The smallest shown cells are
  hidden until they do, and failing that the total.
No percentages are published for the same reason: 86% of 7 is 6.

Cells hidden by the second and third rules are "hidden", not "fewer than 5": they are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
SMALL = "small"
HIDDEN = "hidden"


@dataclass
class Cell:
    value: int
    withheld: str | None = None  # None (shown), SMALL or HIDDEN

    @property
    def shown(self) -> bool:
        return self.withheld is None


def protect(rows: Sequence[Mapping[str, int]], total: Mapping[str, int],
            part_of: Mapping[str, str]) -> tuple[list[dict[str, Cell]], dict[str, Cell]]:
    """Cells for each row and for the total, each shown or withheld by the rules above.
    `part_of` maps a column to the column it is part of (its parent) in the same row."""
    body = [{column: Cell(value) for column, value in row.items()} for row in rows]
    summed = {column: Cell(value) for column, value in total.items()}
    for cells in [*body, summed]:
        for cell in cells.values():
            if cell.value < THRESHOLD:
                cell.withheld = SMALL
    changed = True
    while changed:
        changed = False
        for cells in [*body, summed]:
            changed |= _protect_row(cells, part_of)
        for column in summed:
            changed |= _protect_column(body, summed, column)
    return body, summed


def _nearest_shown_parent(cells: Mapping[str, Cell], column: str,
                          part_of: Mapping[str, str]) -> Cell | None:
    parent = part_of.get(column)
    while parent is not None and parent in cells:
        if cells[parent].shown:
            return cells[parent]
        parent = part_of.get(parent)
    return None


def _protect_row(cells: dict[str, Cell], part_of: Mapping[str, str]) -> bool:
    changed = False
    for column, cell in cells.items():
        if not cell.shown:
            continue
        parent = _nearest_shown_parent(cells, column, part_of)
        if parent is not None and 0 < parent.value - cell.value < THRESHOLD:
            cell.withheld = HIDDEN
            changed = True
    return changed


def _protect_column(body: list[dict[str, Cell]], summed: dict[str, Cell], column: str) -> bool:
    if not summed[column].shown:
        return False
    cells = [cells[column] for cells in body if column in cells]
    withheld = [cell for cell in cells if not cell.shown]
    if not withheld or sum(cell.value for cell in withheld) >= THRESHOLD:
        return False
    shown = sorted((cell for cell in cells if cell.shown), key=lambda cell: cell.value)
    (shown[0] if shown else summed[column]).withheld = HIDDEN
    return True
