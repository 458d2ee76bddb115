"""Database models. Fellowships are not here: they are data in seeds/ (see finder.fellowships)."""

from finder.models.meeting import Meeting
from finder.models.meeting import MeetingSource
from finder.models.report import ChangeReport

__all__ = ["ChangeReport", "Meeting", "MeetingSource"]
