"""A volunteer's weekly free times as a small bit mask on their own row (`Volunteer.free_slots`).

Routing asks "who may be free on Tuesday at 19:30?" of thousands of volunteers. Answered from
the availability windows, that is a join the database often starts from the wrong end (every
window that day, then each volunteer's row). With the mask on the volunteer row, the database
filters availability in the same row it already reads for distance and fellowship.

The week has 28 slots: each day in four parts, the night (midnight to 5am) and the profile's
morning, afternoon and evening (vocabulary.VOLUNTEER_PARTS_OF_DAY). A slot's bit is set when
any window overlaps it, so the mask says only "may be free": the windows stay the exact answer,
and routing checks them for the few volunteers the mask lets through. (Windows made by the
profile form are whole parts of a day, so for them the mask is exact.)

The mask is recomputed in the same flush whenever a volunteer's windows change through the ORM.
Bulk inserts that bypass the ORM must set it themselves (`mask_of`)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from finder import vocabulary

DAY_MINUTES = 24 * 60
# Where each slot of a day starts, in minutes since midnight: the night, then each part.
SLOT_STARTS = (0, *sorted(start for (start, _end), _label
                          in vocabulary.VOLUNTEER_PARTS_OF_DAY.values()))
SLOT_ENDS = (*SLOT_STARTS[1:], DAY_MINUTES)
SLOTS_PER_DAY = len(SLOT_STARTS)


def slot_bit(day: int, minute: int) -> int:
    """The bit for the slot holding this wall-clock minute of this day (0 = Sunday)."""
    slot = bisect.bisect_right(SLOT_STARTS, minute) - 1
    return 1 << (day * SLOTS_PER_DAY + slot)


def mask_of(windows: Iterable[tuple[int, int, int]]) -> int:
    """The mask for (day, start minute, end minute) windows: every slot a window overlaps."""
    mask = 0
    for day, start, end in windows:
        for slot, (slot_start, slot_end) in enumerate(zip(SLOT_STARTS, SLOT_ENDS, strict=True)):
            if start < slot_end and end > slot_start:
                mask |= 1 << (day * SLOTS_PER_DAY + slot)
    return mask


@event.listens_for(Session, "before_flush")
def _keep_masks_current(session: Session, flush_context, instances) -> None:
    from finder.models.volunteer import AvailabilityWindow
    from finder.models.volunteer import Volunteer

    changed: set[Volunteer] = set()
    for obj in (*session.new, *session.dirty):
        if isinstance(obj, Volunteer) and inspect(obj).attrs.availability.history.has_changes():
            changed.add(obj)
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, AvailabilityWindow):
            owner = obj.volunteer or (session.get(Volunteer, obj.volunteer_id)
                                      if obj.volunteer_id is not None else None)
            if owner is not None:
                changed.add(owner)
    for volunteer in changed:
        if volunteer in session.deleted:
            continue
        windows = [window for window in volunteer.availability if window not in session.deleted]
        # A window added by its volunteer's id alone is not in a collection loaded before.
        windows += [obj for obj in session.new if isinstance(obj, AvailabilityWindow)
                    and volunteer.id is not None and obj.volunteer_id == volunteer.id
                    and obj not in windows]
        volunteer.free_slots = mask_of(
            (window.day, window.start_minute, window.end_minute) for window in windows)
