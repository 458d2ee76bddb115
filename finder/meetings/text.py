"""How a meeting's facts are put into words on pages: times relative to now, attendance,
ethos and openness to opioid substitution treatment, each with where it came from."""

from __future__ import annotations

import datetime as dt

from flask_babel import format_date
from flask_babel import format_decimal
from flask_babel import format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from finder import vocabulary
from finder.meetings import facts
from finder.meetings import fellowships
from finder.meetings import filters
from finder.meetings import schedule


def clock(value: dt.datetime | dt.time) -> str:
    return format_time(value, "short")


def day_name(day: int) -> str:
    return str(vocabulary.DAY_NAMES[day])


def when(occurrence: schedule.Occurrence | None, now: dt.datetime) -> str:
    """'In progress', 'Starting in 25 minutes', 'Today at 19:30', 'Tomorrow at 07:00',
    'Monday at 19:30', or 'By appointment'."""
    if occurrence is None:
        return _("By appointment")
    if occurrence.is_in_progress(now):
        return _("In progress, until %(time)s", time=clock(occurrence.end))
    minutes = occurrence.minutes_until_start(now)
    if minutes <= 0:
        return _("Starting now")
    if minutes < 60:
        return ngettext("Starting in %(num)d minute", "Starting in %(num)d minutes", minutes)
    today = now.astimezone(schedule.LONDON).date()
    return today_or_tomorrow(occurrence.start, today) or _(
        "%(day)s at %(time)s",
        day=day_name(schedule.weekday_number(occurrence.start.date())),
        time=clock(occurrence.start),
    )


def today_or_tomorrow(local: dt.datetime, today: dt.date) -> str | None:
    """'Today at 19:30' or 'Tomorrow at 07:00' for a London time, else None."""
    if local.date() == today:
        return _("Today at %(time)s", time=clock(local))
    if local.date() == today + dt.timedelta(days=1):
        return _("Tomorrow at %(time)s", time=clock(local))
    return None


def miles(distance: float) -> str:
    if distance < 0.1:
        return _("less than %(miles)s miles away", miles=format_decimal(0.1, "0.0"))
    return _("%(miles)s miles away", miles=format_decimal(distance, "0.0"))


# "Every Monday ...", one whole sentence per day, so that translators can inflect the day as
# their language needs (Welsh "bob dydd Llun", Polish "w każdy poniedziałek"), indexed like
# vocabulary.DAY_NAMES (0 is Sunday).
EVERY_DAY_AT = (
    _l("Every Sunday at %(start)s (UK time)"),
    _l("Every Monday at %(start)s (UK time)"),
    _l("Every Tuesday at %(start)s (UK time)"),
    _l("Every Wednesday at %(start)s (UK time)"),
    _l("Every Thursday at %(start)s (UK time)"),
    _l("Every Friday at %(start)s (UK time)"),
    _l("Every Saturday at %(start)s (UK time)"),
)
EVERY_DAY_FROM_TO = (
    _l("Every Sunday, %(start)s to %(end)s (UK time)"),
    _l("Every Monday, %(start)s to %(end)s (UK time)"),
    _l("Every Tuesday, %(start)s to %(end)s (UK time)"),
    _l("Every Wednesday, %(start)s to %(end)s (UK time)"),
    _l("Every Thursday, %(start)s to %(end)s (UK time)"),
    _l("Every Friday, %(start)s to %(end)s (UK time)"),
    _l("Every Saturday, %(start)s to %(end)s (UK time)"),
)


def every_week_at(day: int, start: dt.time) -> str:
    """'Every Wednesday at 19:30 (UK time)'."""
    return str(EVERY_DAY_AT[day]) % {"start": clock(start)}


def weekly_schedule(meeting) -> str:
    """'Every Wednesday, 19:30 to 21:00 (UK time)', as one sentence for translators."""
    if meeting.day is None or meeting.start_time is None:
        return _("By appointment")
    if meeting.end_time is None:
        return every_week_at(meeting.day, meeting.start_time)
    return str(EVERY_DAY_FROM_TO[meeting.day]) % {
        "start": clock(meeting.start_time),
        "end": clock(meeting.end_time),
    }


def ort_sentence(openness: str, source: str | None, fellowship: str | None = None,
                 as_of: dt.date | None = None) -> str:
    """The answer and, in brackets, whose it is and when: 'Welcomes people on methadone or
    buprenorphine (SMART Recovery's published position, checked November 2026)', 'Welcomes
    people on methadone or buprenorphine (stated by the group, January 2025)'."""
    text = str(vocabulary.ORT_OPENNESS.get(openness, vocabulary.ORT_OPENNESS["not_stated"]))
    if openness == "not_stated" or source not in vocabulary.FACT_SOURCES:
        return text
    if source == "fellowship":
        # A published position is dated by when we last read it, not when it was written.
        whose = published_position(fellowship) if fellowship else vocabulary.FACT_SOURCES[source]
        checked = _("checked %(month)s", month=_month(as_of)) if as_of else None
        return f"{text} ({', '.join(str(part) for part in (whose, checked) if part)})"
    return f"{text} ({_whose_and_when(str(vocabulary.FACT_SOURCES[source]), as_of)})"


def ethos_with_source(ethos: str, source: str | None, as_of: dt.date | None = None) -> str:
    """The ethos and whose word it is: 'Secular (stated by the group, March 2026)',
    'Spiritual (the fellowship's usual approach)'."""
    label = str(vocabulary.ETHOS.get(ethos, ethos))
    if source == "group":
        return f"{label} ({_whose_and_when(str(vocabulary.FACT_SOURCES['group']), as_of)})"
    usual = _("the fellowship's usual approach")
    return f"{label} ({usual})"


def _whose_and_when(whose: str, as_of: dt.date | None) -> str:
    """'stated by the group, January 2025': the month a statement was made, so a list shows
    how old a fact is as well as whose it is."""
    return f"{whose}, {_month(as_of)}" if as_of else whose


def _month(value: dt.date) -> str:
    return format_date(value, "LLLL yyyy")


def published_position(fellowship: str) -> str:
    return _("%(fellowship)s's published position", fellowship=fellowship_name(fellowship))


def long_date(value: dt.date) -> str:
    return format_date(value, "d MMMM yyyy")


def fact_origin(fact: facts.Fact, fellowship: str) -> str:
    """Whose statement a fact is and when it was made or checked, as one sentence."""
    day = long_date(fact.as_of) if fact.as_of else None
    if fact.source == "group":
        if fact.via == "coordinator":
            return _("Stated by the group to a coordinator on %(date)s.", date=day)
        if fact.via == "group_link":
            return _("Stated by the group itself on %(date)s.", date=day)
        if day:
            return _("Stated by the group in its meeting listing, dated %(date)s.", date=day)
        return _("Stated by the group in its meeting listing.")
    if fact.source == "experience":
        return _(
            "%(welcomed)s of %(answered)s people on methadone or buprenorphine who went said "
            "they felt welcome (published on %(date)s).",
            welcomed=fact.welcomed, answered=fact.answered, date=day,
        )
    if fact.source == "fellowship" and day:
        return _("%(position)s, checked on %(date)s.", position=published_position(fellowship),
                 date=day)
    if fact.source == "fellowship":
        return _("The fellowship's usual approach.")
    return _("Nobody has told us the group's position yet.")


def address_lines(meeting) -> list[str]:
    """Where an in-person meeting is, a line each: the venue, street, town and postcode as
    the listing gives them, else its one-line address."""
    lines = [line for line in (meeting.location, meeting.address, meeting.city,
                               meeting.postal_code) if line]
    return lines or ([meeting.formatted_address] if meeting.formatted_address else [])


def language_name(code: str) -> str:
    return str(vocabulary.MEETING_LANGUAGES.get(code, code))


def fellowship_name(slug: str) -> str:
    found = fellowships.get(slug)
    return found.name if found else slug


def feature_labels(meeting) -> list[str]:
    """The key access and audience features of a meeting, in the filters' own words."""
    labels = []
    for feature in filters.TYPES.values():
        if getattr(meeting, feature.column) is feature.value:
            labels.append(str(feature.label).split(" (")[0])  # "Open (anyone can come)" -> "Open"
    if meeting.proof_of_attendance:
        labels.append(_("Proof of attendance available"))
    return labels
