"""Fictional volunteers and a coordinator for the demo, so Bring a peer can be tried end to end.
Names are invented ("Demo Volunteer ..."), addresses are at example.org, and every one is
marked is_demo. Call load_demo_volunteers() where the demo meetings are loaded."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy import select

from finder.extensions import db
from finder.models import AvailabilityWindow
from finder.models import Volunteer
from finder.peer.accounts import hash_password

DEMO_PASSWORD = "demo-volunteer-password"
DEMO_COORDINATOR = "demo.coordinator@example.org"


CITIES = {
    "London": (51.5074, -0.1278), "Manchester": (53.4808, -2.2426),
    "Birmingham": (52.4862, -1.8904), "Leeds": (53.7965, -1.5478),
    "Glasgow": (55.8642, -4.2518), "Cardiff": (51.4816, -3.1791),
    "Bristol": (51.4545, -2.5879), "Edinburgh": (55.9533, -3.1883),
}
# (first name, city, fellowships, gender, languages). Leeds has someone for every group, so
# whichever Leeds meeting a person tries the README's steps with, someone gets the offer; no
# group has more than three demo volunteers, so an online meeting's first wave reaches all.
PEOPLE = (
    ("Sam", "London", ["ca"], "woman", ["en"]),
    ("Alex", "London", ["na"], "man", ["en", "pl"]),
    ("Jo", "London", ["al-anon"], "woman", ["en"]),
    ("Chris", "Manchester", ["aa"], "man", ["en"]),
    ("Priya", "Birmingham", ["smart"], "woman", ["en", "pa"]),
    ("Morgan", "Leeds", ["aa", "na"], "non_binary", ["en"]),
    ("Robin", "Leeds", ["smart-family-friends", "nar-anon"], "woman", ["en"]),
    ("Lee", "Leeds", ["al-anon", "families-anonymous"], "man", ["en"]),
    ("Dana", "Leeds", ["ca", "smart"], "woman", ["en"]),
    ("Ali", "Glasgow", ["aa"], "man", ["en"]),
    ("Rhys", "Cardiff", ["na"], "man", ["en", "cy"]),
    ("Kit", "Bristol", ["ca", "smart"], "woman", ["en"]),
    ("Jamie", "Edinburgh", ["families-anonymous", "al-anon"], "man", ["en"]),
)
ANY_TIME = [(day, 0, 24 * 60) for day in range(7)]
# Demo volunteers have their agreement, training and both checks on record, so they are
# offered requests whatever FINDER_PEER_REQUIRE_CHECK says.
RECORDED_ON = dt.date(2025, 1, 6)


def load_demo_volunteers() -> int:
    """Replace the demo volunteers and coordinator; returns how many were added."""
    remove_demo_volunteers()
    password_hash = hash_password(DEMO_PASSWORD)
    people = [Volunteer(email=DEMO_COORDINATOR, first_name="Demo Coordinator",
                        password_hash=password_hash, role="coordinator", approved=True,
                        fellowships=[], is_demo=True)]
    for name, city, fellowships, gender, languages in PEOPLE:
        latitude, longitude = CITIES[city]
        person = Volunteer(
            email=f"demo.{name.lower()}@example.org", first_name=f"Demo Volunteer {name}",
            password_hash=password_hash, role="volunteer", approved=True,
            fellowships=fellowships, gender=gender, languages=languages, home_postcode=city,
            latitude=latitude, longitude=longitude, travel_radius_miles=10,
            max_active_requests=2, is_demo=True, agreement_on=RECORDED_ON,
            trained_on=RECORDED_ON, dbs_checked_on=RECORDED_ON,
            reference_checked_on=RECORDED_ON)
        person.availability = [AvailabilityWindow(day=d, start_minute=s, end_minute=e)
                               for d, s, e in ANY_TIME]
        people.append(person)
    db.session.add_all(people)
    db.session.commit()
    return len(people)


def remove_demo_volunteers() -> int:
    ids = list(db.session.scalars(select(Volunteer.id).where(Volunteer.is_demo.is_(True))))
    if not ids:
        return 0
    from finder.models import AccompanimentRequest
    from finder.models import ContactReveal
    from finder.models import Offer

    db.session.execute(delete(Offer).where(Offer.volunteer_id.in_(ids)))
    db.session.execute(delete(ContactReveal).where(ContactReveal.volunteer_id.in_(ids)))
    db.session.query(AccompanimentRequest).filter(
        AccompanimentRequest.volunteer_id.in_(ids)).update({"volunteer_id": None})
    db.session.execute(delete(AvailabilityWindow).where(AvailabilityWindow.volunteer_id.in_(ids)))
    db.session.execute(delete(Volunteer).where(Volunteer.id.in_(ids)))
    db.session.commit()
    return len(ids)
