"""Screenshots of the main pages on a small phone (360 x 800), for docs/screenshots/; some
pages also on a desktop screen (files end in -desktop, the whole page).

    python -m tests.browser.screenshots            # light colour scheme
    python -m tests.browser.screenshots --dark     # dark colour scheme, files end in -dark
    python -m tests.browser.screenshots --only coordinator-outcomes   # just those pages
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from .harness import LiveServer
from .harness import launch_chromium
from .harness import make_app
from .pages import PAGES_BY_NAME

OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 800}
SHOTS = ["home", "results", "results-filtered", "no-results", "filters-open", "meeting", "groups",
         "family", "results-for-family", "printable-list", "validation-error",
         "place-did-you-mean", "place-choices",
         "coordinator-outcomes"]
# Pages for people at a desk (coordinators), also taken at desktop size.
DESKTOP_SHOTS = ["coordinator-outcomes"]
# Pages whose point is further down than one screen: taken whole.
WHOLE_PAGE = {"coordinator-outcomes"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dark", action="store_true", help="use the dark colour scheme")
    parser.add_argument("--only", action="append", choices=SHOTS, metavar="PAGE",
                        help="take only this page (may be given more than once)")
    arguments = parser.parse_args()
    shots = [(name, PHONE, "") for name in arguments.only or SHOTS]
    shots += [(name, DESKTOP, "-desktop") for name in DESKTOP_SHOTS
              if name in (arguments.only or SHOTS)]
    scheme = "dark" if arguments.dark else "light"
    suffix = "-dark" if arguments.dark else ""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(make_app(Path(folder) / "finder.sqlite3")).start()
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                for name, screen, size in shots:
                    context = browser.new_context(viewport=screen, color_scheme=scheme,
                                                  locale="en-GB")
                    page = context.new_page()
                    PAGES_BY_NAME[name].open(page, server)
                    path = OUTPUT / f"{name}{size}{suffix}.png"
                    page.screenshot(path=str(path), full_page=name in WHOLE_PAGE)
                    print(path.relative_to(OUTPUT.parents[1]))
                    context.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
