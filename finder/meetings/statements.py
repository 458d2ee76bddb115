"""Groups' own statements about medication and ethos: recorded by a coordinator after contact
with the group (published at once), or made by the group through a signed link a coordinator
sends to the group's contact (no account; the link expires; the statement waits for a
coordinator to publish it). Publishing writes the statement onto the meeting, whose effective
answers are then derived again (finder.meetings.facts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from itsdangerous import BadSignature
from itsdangerous import SignatureExpired
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import select

from finder import vocabulary
from finder.models import GroupStatement
from finder.models import Meeting
from finder.models import Volunteer
from finder.models.session import Session

LINK_SALT = "finder.group-statement-link"
ALLOWED = {"medication": tuple(vocabulary.ORT_STATEMENTS), "ethos": tuple(vocabulary.ETHOS)}


class LinkExpired(Exception):
    """The group's link is older than its lifetime: a coordinator can send a new one."""


class LinkInvalid(Exception):
    """Not a link we made (altered, or for a meeting no longer listed)."""


@dataclass(frozen=True)
class Said:
    """What a group said: a value per topic (None: said nothing about it)."""

    medication: str | None = None
    ethos: str | None = None

    def items(self) -> list[tuple[str, str]]:
        return [(topic, value) for topic, value in (("medication", self.medication),
                                                    ("ethos", self.ethos)) if value]


def _check(said: Said) -> None:
    for topic, value in said.items():
        if value not in ALLOWED[topic]:
            raise ValueError(f"{value!r} is not something a group can say about {topic}")
    if not said.items():
        raise ValueError("a statement says something about medication or ethos")


def _statements(meeting: Meeting, said: Said, **fields) -> list[GroupStatement]:
    return [GroupStatement(meeting_slug=meeting.slug, meeting_name=meeting.name, topic=topic,
                           value=value, **fields) for topic, value in said.items()]


def record_by_coordinator(session: Session, meeting: Meeting, said: Said, *, heard_by: str,
                          stated_on: dt.date, coordinator: Volunteer,
                          now: dt.datetime) -> list[GroupStatement]:
    """What a coordinator heard from the group (how, and when the group said it): published."""
    _check(said)
    if heard_by not in vocabulary.HEARD_BY:
        raise ValueError(f"{heard_by!r} is not a way of hearing")
    statements = _statements(meeting, said, via="coordinator", heard_by=heard_by,
                             stated_on=stated_on, recorded_by_id=coordinator.id,
                             status="published", decided_at=now, decided_by_id=coordinator.id)
    session.add_all(statements)
    for statement in statements:
        _apply(meeting, statement)
    session.commit()
    return statements


def link_token(secret_key: str, meeting: Meeting, issued_at: dt.datetime | None = None) -> str:
    """The signed link's token; `issued_at` (naive UTC) is for tests of an old link."""
    signer: type[TimestampSigner] = TimestampSigner
    if issued_at is not None:
        seconds = int(issued_at.replace(tzinfo=dt.UTC).timestamp())

        class IssuedAt(TimestampSigner):
            def get_timestamp(self) -> int:
                return seconds

        signer = IssuedAt
    serializer = URLSafeTimedSerializer(secret_key, salt=LINK_SALT, signer=signer)
    return serializer.dumps({"meeting": meeting.slug})


def meeting_for_link(session: Session, secret_key: str, token: str, max_age_days: int,
                     now: dt.datetime) -> Meeting:
    """The meeting a group's link is for; raises LinkExpired or LinkInvalid."""
    serializer = URLSafeTimedSerializer(secret_key, salt=LINK_SALT)
    try:
        _payload, signed_at = serializer.loads(token, return_timestamp=True)
    except SignatureExpired:
        raise LinkExpired from None
    except BadSignature:
        raise LinkInvalid from None
    issued = signed_at.astimezone(dt.UTC).replace(tzinfo=None)
    if now - issued > dt.timedelta(days=max_age_days):
        raise LinkExpired
    meeting = session.scalars(select(Meeting).where(Meeting.slug == _payload["meeting"])).first()
    if meeting is None:
        raise LinkInvalid
    return meeting


def submit_by_group(session: Session, meeting: Meeting, said: Said,
                    now: dt.datetime) -> list[GroupStatement]:
    """The group's own statement through its link: waits for a coordinator."""
    _check(said)
    statements = _statements(meeting, said, via="group_link", stated_on=now.date(),
                             status="pending")
    session.add_all(statements)
    session.commit()
    return statements


def pending(session: Session) -> list[GroupStatement]:
    query = select(GroupStatement).where(GroupStatement.status == "pending").order_by(
        GroupStatement.created_at, GroupStatement.id)
    return list(session.scalars(query))


def decide(session: Session, statement: GroupStatement, publish: bool, coordinator: Volunteer,
           now: dt.datetime) -> bool:
    """Publish or reject a pending statement; False if it was already decided (or its meeting
    is no longer listed, when publishing)."""
    if statement.status != "pending":
        return False
    meeting = session.scalars(
        select(Meeting).where(Meeting.slug == statement.meeting_slug)).first()
    if publish and meeting is None:
        return False
    statement.status = "published" if publish else "rejected"
    statement.decided_at, statement.decided_by_id = now, coordinator.id
    if publish and meeting is not None:
        _apply(meeting, statement)
    session.commit()
    return True


def _apply(meeting: Meeting, statement: GroupStatement) -> None:
    """The latest statement per topic is the meeting's; an older one changes nothing."""
    prefix = "group_ort" if statement.topic == "medication" else "group_ethos"
    current_on = getattr(meeting, f"{prefix}_on")
    if current_on is not None and current_on > statement.stated_on:
        return
    setattr(meeting, prefix, statement.value)
    setattr(meeting, f"{prefix}_on", statement.stated_on)
    setattr(meeting, f"{prefix}_via", statement.via)
