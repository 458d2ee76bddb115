"""One vocabulary: every code is defined once, label tables for the same codes agree, and the
bits that stored meetings carry for their features never move."""

from __future__ import annotations

from factories import make_meeting
from sqlalchemy import select
from sqlalchemy import update

from finder import vocabulary
from finder.extensions import db
from finder.meetings import filters
from finder.models import Meeting
from finder.peer import states

# Stored in every meeting row: changing one of these silently breaks every search until a
# reindex, so they are pinned here, independently of the table they come from.
PINNED_BITS = {
    "open": 0,
    "closed": 1,
    "women": 2,
    "men": 3,
    "lgbtq": 4,
    "young-people": 5,
    "wheelchair": 6,
    "hearing-loop": 7,
}


def test_each_feature_keeps_the_bit_it_was_given():
    assert {name: feature.bit for name, feature in filters.TYPES.items()} == PINNED_BITS


def test_no_two_features_share_a_bit():
    bits = [feature.bit for feature in filters.TYPES.values()]
    assert len(bits) == len(set(bits))


def test_the_short_and_explained_ethos_labels_cover_the_same_codes():
    assert set(vocabulary.ETHOS) == set(vocabulary.ETHOS_EXPLAINED)


def test_the_medication_filter_offers_welcoming_and_the_stricter_group_only_choice():
    assert set(vocabulary.ORT_FILTER) == {"welcoming", "group"}
    assert "welcoming" in vocabulary.ORT_OPENNESS and "group" in vocabulary.FACT_SOURCES


def test_a_group_states_only_positions_a_meeting_can_hold():
    assert set(vocabulary.ORT_STATEMENTS) <= set(vocabulary.ORT_OPENNESS)


def test_gender_wishes_are_genders_a_volunteer_can_have():
    assert set(vocabulary.GENDER_WISHES) == set(vocabulary.GENDER_WISH_CHOICES)
    assert set(vocabulary.GENDER_WISHES) <= set(vocabulary.GENDERS)


def test_every_request_status_has_a_label_and_a_row_in_the_transition_table():
    assert set(vocabulary.REQUEST_STATUSES) == set(states.TRANSITIONS)


def test_a_reason_for_closing_may_be_any_reason_for_holding_back():
    assert set(vocabulary.REQUEST_REASONS) == {*vocabulary.CLOSE_REASONS, *vocabulary.HELD_REASONS}


def test_reindex_repairs_feature_bits_that_no_longer_match_the_meeting(app_context, runner):
    make_meeting(slug="women-only", for_women=True)
    make_meeting(slug="plain")
    db.session.commit()
    # As if the bits had been written by an older table that numbered features differently.
    db.session.execute(update(Meeting).where(Meeting.slug == "women-only").values(feature_bits=1))
    db.session.commit()

    result = runner.invoke(args=["meetings", "reindex"])

    assert result.exit_code == 0, result.output
    assert "2 meetings; 1 changed" in result.output
    db.session.expire_all()
    stored = db.session.scalar(select(Meeting.feature_bits).where(Meeting.slug == "women-only"))
    assert stored == 1 << PINNED_BITS["women"]
