"""Screenshots of the main pages on a small phone (360 x 800), for docs/screenshots/.

    python -m tests.browser.screenshots            # light colour scheme
    python -m tests.browser.screenshots --dark     # dark colour scheme, files end in -dark
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
SHOTS = ["home", "results", "results-filtered", "no-results", "filters-open", "meeting", "groups",
         "family", "results-for-family", "printable-list", "validation-error"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dark", action="store_true", help="use the dark colour scheme")
    arguments = parser.parse_args()
    scheme = "dark" if arguments.dark else "light"
    suffix = "-dark" if arguments.dark else ""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(make_app(Path(folder) / "finder.sqlite3")).start()
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                for name in SHOTS:
                    context = browser.new_context(viewport=PHONE, color_scheme=scheme,
                                                  locale="en-GB")
                    page = context.new_page()
                    PAGES_BY_NAME[name].open(page, server)
                    path = OUTPUT / f"{name}{suffix}.png"
                    page.screenshot(path=str(path))
                    print(path.relative_to(OUTPUT.parents[1]))
                    context.close()
                browser.close()
        finally:
            server.stop()


if __name__ == "__main__":
    main()
