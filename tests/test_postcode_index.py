"""The postcode index: one read-only file, built when missing, answering postcodes and outward
codes by key, with Northern Ireland kept out as Code-Point Open keeps it out."""

import sqlite3

import pytest

from finder import create_app
from finder.geo import codepoint
from finder.geo import index
from finder.geo import store
from finder.geo.locate import Located
from finder.geo.locate import NotLocated
from finder.geo.locate import Problem
from finder.geo.locate import locate


@pytest.fixture
def own_index(postcode_index):
    """Lets a test point the store somewhere else, and puts the session's index back after."""
    yield
    store.use(postcode_index)


def app_with_index(path, tmp_path):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'app.sqlite3'}",
            "FINDER_PREPARE_DATABASE": False,
            "FINDER_POSTCODE_INDEX": str(path),
        }
    )


def test_every_full_postcode_in_an_area_is_in_the_index():
    source = codepoint.area_postcodes("LS")
    for code, latitude, longitude in source[:: len(source) // 50]:
        assert store.postcode_point(code) == pytest.approx((latitude, longitude), abs=0.00002)


def test_an_outward_code_is_at_the_middle_of_its_postcodes():
    points = [(lat, lng) for code, lat, lng in codepoint.area_postcodes("CF") if code[:4] == "CF10"]
    middle = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
    assert store.outward_code_point("CF10") == pytest.approx(middle, abs=0.00002)
    assert locate("cf10").label == "CF10"


@pytest.mark.parametrize("typed", ["LS99 9ZZ", "LS30", "ZZ1 1ZZ"])
def test_a_well_formed_postcode_that_does_not_exist_is_unknown(typed):
    found = locate(typed)
    assert isinstance(found, NotLocated)
    assert found.problem is Problem.UNKNOWN_POSTCODE


@pytest.mark.parametrize("typed", ["BT1 1AA", "bt7", "BT48 6DQ"])
def test_northern_ireland_postcodes_get_their_own_message(typed):
    assert locate(typed).problem is Problem.NORTHERN_IRELAND


def test_the_index_records_where_its_data_came_from():
    facts = store.meta()
    assert "Code-Point Open" in facts["postcode_source"]
    assert int(facts["postcodes"]) > 100_000


def test_the_index_is_built_when_the_app_starts_without_one(tmp_path, monkeypatch, own_index):
    monkeypatch.setattr(codepoint, "all_areas", lambda: ["LS"])
    path = tmp_path / "geo" / "postcodes.sqlite3"
    app_with_index(path, tmp_path)
    assert path.exists()
    assert store.path() == path
    assert isinstance(locate("LS1 4AP"), Located)
    assert store.meta()["areas"] == "all"


def test_an_existing_index_is_used_as_it_is(tmp_path, own_index):
    path = tmp_path / "postcodes.sqlite3"
    index.build(path, ["CF"])
    app_with_index(path, tmp_path)
    assert store.meta()["areas"] == "CF"
    assert locate("LS1 4AP").problem is Problem.UNKNOWN_POSTCODE


def test_a_rebuild_replaces_the_file_whole_and_leaves_nothing_behind(tmp_path, own_index):
    path = tmp_path / "postcodes.sqlite3"
    index.build(path, ["CF"])
    store.use(path)
    assert store.postcode_point("CF10 1EP")
    index.build(path, ["LS"])
    assert [item.name for item in tmp_path.iterdir()] == ["postcodes.sqlite3"]
    store.use(path)
    assert store.postcode_point("CF10 1EP") is None
    assert store.postcode_point("LS1 4AP")


def test_the_index_is_opened_read_only():
    with pytest.raises(sqlite3.OperationalError):
        store.connection().execute("DELETE FROM postcode")


def test_a_missing_index_says_how_to_build_it(tmp_path, own_index):
    store.use(tmp_path / "nowhere.sqlite3")
    with pytest.raises(store.IndexMissing, match="postcodes build"):
        store.postcode_point("LS1 4AP")


def test_the_build_command_reports_what_it_built(tmp_path, postcode_index, own_index):
    path = tmp_path / "built.sqlite3"
    app = app_with_index(postcode_index, tmp_path)
    app.config["FINDER_POSTCODE_INDEX"] = str(path)
    result = app.test_cli_runner().invoke(args=["postcodes", "build", "--area", "ls"])
    assert result.exit_code == 0, result.output
    assert "postcodes" in result.output and "MB" in result.output
    assert path.exists()
