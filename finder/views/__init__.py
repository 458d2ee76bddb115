"""One blueprint per user-facing area."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from finder.views import about
    from finder.views import ask
    from finder.views import coordinator
    from finder.views import feed
    from finder.views import groups
    from finder.views import home
    from finder.views import meetings
    from finder.views import profile
    from finder.views import volunteer

    for module in (home, groups, meetings, feed, about, ask, volunteer, profile,
                   coordinator):
        app.register_blueprint(module.bp)
