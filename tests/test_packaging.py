"""The wheel carries everything the app reads at run time (templates, static files,
translations, migrations, seeds), so a plain install serves every page from anywhere."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

SERVE_EVERY_PAGE = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    import finder
    assert Path(finder.__file__).is_relative_to(Path(sys.argv[1])), finder.__file__

    # A first start builds the postcode index; of one area (the pages search in Leeds) it takes
    # the same steps as of all 120, in a fraction of the time.
    from finder.geo import codepoint
    codepoint.all_areas = lambda: ["LS"]

    app = finder.create_app({"TESTING": True, "SECRET_KEY": "wheel-test"})
    client = app.test_client()
    pages = ["/", "/meetings?near=LS1+4AP", "/groups", "/groups/smart", "/family", "/about",
             "/accessibility", "/privacy", "/meetings.json", "/volunteer/sign-in",
             "/static/css/finder.css"]
    with app.app_context():
        from finder.models import Meeting
        from finder.extensions import db
        slug = db.session.scalars(db.select(Meeting.slug).limit(1)).one()
    pages.append(f"/meetings/{slug}")
    for page in pages:
        response = client.get(page, headers={"Accept-Language": "cy"})
        assert response.status_code == 200, (page, response.status_code)
    print("served", len(pages), "pages")
    """
)


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_serves_every_page(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", wheels, ROOT],
        check=True,
    )
    site = tmp_path / "site"
    (wheel,) = wheels.glob("finder-*.whl")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", site, wheel],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", SERVE_EVERY_PAGE, str(site)],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "FINDER_INSTANCE_PATH": str(tmp_path / "instance"),
             "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "served 12 pages" in result.stdout
