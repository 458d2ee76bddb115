"""Database models. Fellowships are not here: they are data in seeds/
(see finder.meetings.fellowships)."""

from finder.models import connections  # noqa: F401  (settings for each connection)
from finder.models import free_slots  # noqa: F401  (keeps Volunteer.free_slots current)
from finder.models.data_version import DataVersion
from finder.models.facts import ExperienceAnswer
from finder.models.facts import GroupStatement
from finder.models.meeting import Meeting
from finder.models.meeting import MeetingSource
from finder.models.outbox import OutboxMessage
from finder.models.outcome import OutcomeEvent
from finder.models.peer import AccompanimentRequest
from finder.models.peer import ContactAllowance
from finder.models.peer import ContactReveal
from finder.models.peer import Offer
from finder.models.peer import RequestEvent
from finder.models.peer import SafeguardingConcern
from finder.models.report import ChangeReport
from finder.models.volunteer import AvailabilityWindow
from finder.models.volunteer import Volunteer

__all__ = [
    "AccompanimentRequest",
    "AvailabilityWindow",
    "ChangeReport",
    "DataVersion",
    "ContactAllowance",
    "ContactReveal",
    "ExperienceAnswer",
    "GroupStatement",
    "Meeting",
    "MeetingSource",
    "Offer",
    "OutboxMessage",
    "OutcomeEvent",
    "RequestEvent",
    "SafeguardingConcern",
    "Volunteer",
]
