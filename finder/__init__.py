"""finder: an accessible meeting finder for mutual aid groups in the UK."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from finder import config
from finder.extensions import babel
from finder.extensions import compress
from finder.extensions import csrf
from finder.extensions import db
from finder.extensions import htmx
from finder.extensions import limiter
from finder.extensions import migrate


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=str(config.INSTANCE_DEFAULT))
    app.config.from_mapping(config.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from finder import i18n
    from finder import log_privacy
    from finder import meeting_text
    from finder import web

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.london)
    csrf.init_app(app)
    htmx.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    web.init_app(app)
    log_privacy.install()
    meeting_text.init_app(app)

    from finder import cli
    from finder.geo import cli as geo_cli
    from finder.peer import cli as peer_cli
    from finder.peer import labels as peer_labels
    from finder.views import register_blueprints

    register_blueprints(app)
    cli.init_app(app)
    geo_cli.init_app(app)
    peer_cli.init_app(app)
    peer_labels.init_app(app)

    if app.config.get("FINDER_PREPARE_DATABASE", True):
        from finder.bootstrap import prepare_database

        prepare_database(app)
    return app
