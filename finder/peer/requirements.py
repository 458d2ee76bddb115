"""What a service requires of a volunteer before they are offered requests: the volunteer
agreement always, training (FINDER_PEER_REQUIRE_TRAINING) and a DBS or reference check
(FINDER_PEER_REQUIRE_CHECK) when the service says so. Only dates are kept, never what a
check found; a volunteer who lacks any of them gets no offers and cannot be assigned."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement
from sqlalchemy import and_

from finder import vocabulary
from finder.models import Volunteer

# Each requirement and the date column that meets it.
DATE_COLUMNS = {
    "agreement": "agreement_on",
    "training": "trained_on",
    "dbs": "dbs_checked_on",
    "reference": "reference_checked_on",
}
assert set(DATE_COLUMNS) == set(vocabulary.VOLUNTEER_REQUIREMENTS)


class UnknownCheckError(ValueError):
    pass


@dataclass(frozen=True)
class Requirements:
    training: bool = True
    check: str = "none"

    @classmethod
    def from_config(cls, config: Mapping) -> Requirements:
        check = config.get("FINDER_PEER_REQUIRE_CHECK", "none")
        if check not in vocabulary.VOLUNTEER_CHECKS:
            allowed = ", ".join(vocabulary.VOLUNTEER_CHECKS)
            raise UnknownCheckError(f"FINDER_PEER_REQUIRE_CHECK must be one of {allowed}")
        return cls(training=bool(config.get("FINDER_PEER_REQUIRE_TRAINING", True)), check=check)

    @property
    def codes(self) -> tuple[str, ...]:
        """The requirements in force, in the order people read them."""
        wanted = ["agreement"]
        if self.training:
            wanted.append("training")
        if self.check != "none":
            wanted.append(self.check)
        return tuple(wanted)


def missing(volunteer: Volunteer, requirements: Requirements) -> list[str]:
    """The requirements this volunteer does not meet yet (codes), in order; empty when ready."""
    return [code for code in requirements.codes
            if getattr(volunteer, DATE_COLUMNS[code]) is None]


def met_in_sql(requirements: Requirements) -> ColumnElement[bool]:
    """The same rule as a condition on the volunteers table, for routing's one query."""
    return and_(*(getattr(Volunteer, DATE_COLUMNS[code]).is_not(None)
                  for code in requirements.codes))
