"""Fixtures for the browser tests: one app server and one Chromium for the whole session,
a fresh browser context for every test. Without Chromium every browser test is skipped,
reported as one line."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from .harness import CHROMIUM
from .harness import LiveServer
from .harness import launch_chromium
from .harness import make_app


class ModuleWithoutChromium(pytest.Module):
    def collect(self):
        # One place raises the skip, so the summary shows one line for all the modules.
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")


def pytest_pycollect_makemodule(module_path, parent):
    if not CHROMIUM.exists():
        return ModuleWithoutChromium.from_parent(parent, path=module_path)
    return None


@pytest.fixture(autouse=True)
def _empty_database():
    """The browser tests share one demo database, so nothing is emptied. The Bring a peer
    states add requests and change reports as they go; none relies on what others added."""
    yield


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    live = LiveServer(make_app(tmp_path_factory.mktemp("browser") / "finder.sqlite3")).start()
    yield live
    live.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser):
    """Open browser contexts (a clean profile each) with any options; all closed afterwards."""
    contexts = []

    def open_context(**options):
        options.setdefault("locale", "en-GB")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def browser_page(new_context):
    """A page in a fresh context, JavaScript on, CSP enforced."""
    return new_context().new_page()
