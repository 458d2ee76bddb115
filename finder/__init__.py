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

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_app(test_config: dict | None = None) -> Flask:
    app = Flask(__name__, instance_path=config.instance_path())
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)

    from finder import cli
    from finder import logs
    from finder import production
    from finder import web
    from finder.peer import settings as peer_settings
    from finder.web import i18n

    production.check(app.config)
    peer_settings.check(app.config)
    logs.init_app(app)
    production.trust_proxies(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.london)
    csrf.init_app(app)
    htmx.init_app(app)
    compress.init_app(app)
    limiter.init_app(app)
    web.init_app(app)
    cli.init_app(app)

    from finder.bootstrap import prepare_database
    from finder.bootstrap import prepare_postcode_index

    prepare_postcode_index(app)
    if app.config.get("FINDER_PREPARE_DATABASE", True):
        prepare_database(app)
    return app
