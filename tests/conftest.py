"""Shared fixtures: an app on a throwaway database (SQLite by default, PostgreSQL when
TEST_DATABASE_URL is set), a postcode index of the areas the tests use, a client, a CLI runner,
and an HTML parser for responses."""

from __future__ import annotations

import os

import pytest
from argon2 import PasswordHasher
from argon2 import profiles
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from finder import create_app
from finder.extensions import db
from finder.geo import index
from finder.geo import store
from finder.peer import accounts

# Postcode areas the tests (browser tests included) search in; building only these keeps the
# session quick on a fresh clone, where no index exists yet.
TEST_POSTCODE_AREAS = "AB B BN BS CF EH G L LS M NE NG NR S SA SW WC".split()


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """argon2 at production cost takes about 0.3 s a hash; the tests check what passwords do,
    not what guessing them costs, so they hash at argon2's cheapest settings."""
    original = accounts.hasher, accounts._UNKNOWN
    accounts.hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    accounts._UNKNOWN = accounts.hasher.hash("not a real password")
    yield
    accounts.hasher, accounts._UNKNOWN = original


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session", autouse=True)
def postcode_index(tmp_path_factory):
    """One index for the whole session, used by domain tests, the app and the browser tests'
    app (which reads FINDER_POSTCODE_INDEX from the environment)."""
    path = tmp_path_factory.mktemp("geo") / "postcodes.sqlite3"
    index.build(path, TEST_POSTCODE_AREAS)
    before = os.environ.get("FINDER_POSTCODE_INDEX")
    os.environ["FINDER_POSTCODE_INDEX"] = str(path)
    store.use(path)
    yield path
    if before is None:
        del os.environ["FINDER_POSTCODE_INDEX"]
    else:
        os.environ["FINDER_POSTCODE_INDEX"] = before


class WholeResponseClient(FlaskClient):
    """Reads every response to the end and closes it, as a browser and a WSGI server do, so
    what a view leaves to run once its answer has gone (routing a new request) has run when
    the call returns."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory, postcode_index):
    app = create_app(
        {
            "FINDER_POSTCODE_INDEX": str(postcode_index),
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory),
            "FINDER_LOAD_DEMO_DATA": False,
            "FINDER_PREPARE_DATABASE": False,
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "FINDER_PEER_SUBMIT_MILLISECONDS": 0,  # one test sets its own
            "FINDER_BASE_URL": "http://localhost",
        }
    )
    app.test_client_class = WholeResponseClient
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_database(app):
    """Every test starts with empty tables."""
    yield
    with app.app_context():
        db.session.rollback()
        for table in reversed(db.metadata.sorted_tables):
            db.session.execute(table.delete())
        db.session.commit()
        db.session.remove()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def parse(response) -> BeautifulSoup:
    """Parse a response's HTML. Every page must have exactly one h1 and unique ids."""
    soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return soup


@pytest.fixture
def coordinator_client(app):
    """A client signed in as a coordinator (a new one for each test)."""
    from peer_factories import make_coordinator
    from peer_factories import signed_in_session

    client = app.test_client()
    with app.app_context():
        signed_in_session(client, make_coordinator())
    return client


@pytest.fixture
def page():
    """GET-and-parse helper that checks what every full page must have."""

    def check(response, *, fragment: bool = False) -> BeautifulSoup:
        soup = parse(response)
        ids = [tag["id"] for tag in soup.find_all(id=True)]
        assert len(ids) == len(set(ids)), (
            f"duplicate ids: {sorted(i for i in ids if ids.count(i) > 1)}"
        )
        if not fragment:
            assert len(soup.find_all("h1")) == 1, "a page has exactly one h1"
            assert soup.html.get("lang"), "<html> has a lang"
        return soup

    return check
