"""A meeting's medication and ethos facts, and whose statement each is.

One ordered list of sources, most specific first:

1. the group's own statement: in the source's listing (a feed's extension fields or the A
   code), recorded by a coordinator after contact with the group, or made by the group through
   its signed link and published by a coordinator; the most recent of these wins;
2. people's experience: counts of answers from people on methadone or buprenorphine who went,
   once a coordinator has published them (medication only);
3. the fellowship's published position (seeds/fellowships.toml), or for ethos its usual approach;
4. otherwise not stated.

Family groups have no medication fact at all: the question does not apply to them.

Everything here reads only the meeting's own columns and the fellowship data, so the effective
answer can be stored on the row when it is saved (search filters on it from its index) and
recomputed for every row by `flask --app finder meetings reindex` when a fellowship's position
changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from finder.meetings import fellowships

# A fact older than this says so.
STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class Fact:
    """One answer: a code (ORT_OPENNESS or ETHOS), its source (FACT_SOURCES, or None for not
    stated), the date it was made or checked, and for a group statement how it reached us
    (STATEMENT_CHANNELS)."""

    value: str
    source: str | None
    as_of: dt.date | None = None
    via: str | None = None
    welcomed: int | None = None  # people's experience: how many felt welcome
    answered: int | None = None  # ... of how many people on medication who went
    position: fellowships.PublishedPosition | None = None

    def is_stale(self, today: dt.date) -> bool:
        return self.as_of is not None and today - self.as_of > STALE_AFTER


NOT_STATED = Fact("not_stated", None)


def applies_to(meeting: Any) -> bool:
    """Whether the medication question applies: not to family groups."""
    found = fellowships.get(meeting.fellowship)
    return found is None or not found.family_group


def _group_statement(
    feed: tuple[str | None, dt.date | None], recorded: tuple[str | None, dt.date | None, str | None]
) -> Fact | None:
    """The most recent of the group's statements: in its listing, or made since."""
    candidates = []
    if feed[0]:
        candidates.append(Fact(feed[0], "group", feed[1], "feed"))
    if recorded[0]:
        candidates.append(Fact(recorded[0], "group", recorded[1], recorded[2]))
    if not candidates:
        return None
    return max(candidates, key=lambda fact: fact.as_of or dt.date.min)


def medication(meeting: Any) -> Fact:
    if not applies_to(meeting):
        return NOT_STATED
    stated = _group_statement(
        (meeting.feed_ort, meeting.feed_facts_on),
        (meeting.group_ort, meeting.group_ort_on, meeting.group_ort_via),
    )
    if stated:
        return stated
    if meeting.experience_total:
        welcomed, answered = meeting.experience_welcomed or 0, meeting.experience_total
        value = "welcoming" if welcomed * 2 > answered else "mixed"
        return Fact(value, "experience", meeting.experience_on, welcomed=welcomed,
                    answered=answered)
    found = fellowships.get(meeting.fellowship)
    position = found.medication_position if found else None
    if position:
        return Fact(position.openness, "fellowship", position.checked, position=position)
    return NOT_STATED


def ethos(meeting: Any) -> Fact:
    stated = _group_statement(
        (meeting.feed_ethos, meeting.feed_facts_on),
        (meeting.group_ethos, meeting.group_ethos_on, meeting.group_ethos_via),
    )
    if stated:
        return stated
    found = fellowships.get(meeting.fellowship)
    return Fact(found.default_ethos if found else "spiritual", "fellowship")


def derive(meeting: Any) -> None:
    """Store the effective answers and their sources on the meeting, for search and export."""
    ort = medication(meeting)
    meeting.ort_openness, meeting.ort_source, meeting.ort_as_of = ort.value, ort.source, ort.as_of
    belief = ethos(meeting)
    meeting.ethos, meeting.ethos_source, meeting.ethos_as_of = (
        belief.value, belief.source, belief.as_of)
