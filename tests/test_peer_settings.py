"""A peer setting the service cannot use stops the app at start-up, with a message naming the
setting and what it may be, rather than failing when the first request is routed (a DBS check
spelt "DBS ") or quietly meaning something else (training required, spelt "ture")."""

from __future__ import annotations

import pytest

from finder.config import SettingsError
from finder.peer.settings import PeerSettingsError
from tests.production_apps import app_from_environment

QUIET = {"FINDER_PREPARE_DATABASE": "0", "FINDER_LOAD_DEMO_DATA": "0"}


@pytest.fixture
def start(monkeypatch, tmp_path, app):
    """Start an app the way a deployment does, from these environment variables."""
    database_url = app.config["SQLALCHEMY_DATABASE_URI"]

    def start(given: dict | None = None, **environment):
        return app_from_environment(monkeypatch, tmp_path, database_url,
                                    dict(QUIET, **environment), **(given or {}))
    return start


@pytest.mark.parametrize("value", ["dbs", "reference", "none"])
def test_each_check_a_service_can_require_starts(start, value):
    assert start(FINDER_PEER_REQUIRE_CHECK=value).config["FINDER_PEER_REQUIRE_CHECK"] == value


def test_an_unknown_check_stops_the_start_and_says_what_it_may_be(start):
    with pytest.raises(PeerSettingsError) as stopped:
        start(FINDER_PEER_REQUIRE_CHECK="crb")
    message = str(stopped.value)
    assert "FINDER_PEER_REQUIRE_CHECK is 'crb'" in message
    assert "none, dbs, reference" in message


@pytest.mark.parametrize("value, required", [("yes", True), ("0", False), ("off", False)])
def test_training_can_be_required_or_not(start, value, required):
    assert start(FINDER_PEER_REQUIRE_TRAINING=value).config[
        "FINDER_PEER_REQUIRE_TRAINING"] is required


def test_a_mistyped_training_setting_stops_the_start_instead_of_meaning_no(start):
    with pytest.raises(SettingsError, match="FINDER_PEER_REQUIRE_TRAINING is 'ture'"):
        start(FINDER_PEER_REQUIRE_TRAINING="ture")


def test_a_number_that_is_not_one_names_its_setting(start):
    with pytest.raises(SettingsError, match="FINDER_PEER_WAVE_SIZE is 'three'"):
        start(FINDER_PEER_WAVE_SIZE="three")


@pytest.mark.parametrize("setting, value, named", [
    ("FINDER_PEER_WAVE_SIZE", "0", "FINDER_PEER_WAVE_SIZE is 0"),
    ("FINDER_PEER_FOLLOW_UP_HOUR", "24", "FINDER_PEER_FOLLOW_UP_HOUR is 24"),
    ("FINDER_PEER_REQUEST_RATE_LIMIT", "five an hour",
     "FINDER_PEER_REQUEST_RATE_LIMIT is 'five an hour'"),
])
def test_a_value_the_service_cannot_use_stops_the_start(start, setting, value, named):
    with pytest.raises(PeerSettingsError, match=named):
        start(**{setting: value})


def test_settings_given_to_the_app_directly_are_checked_too(start):
    """A test's or a script's config: "no" as a string would have required training."""
    with pytest.raises(PeerSettingsError, match="FINDER_PEER_REQUIRE_TRAINING is 'no'"):
        start(given={"FINDER_PEER_REQUIRE_TRAINING": "no"})
