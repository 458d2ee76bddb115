"""One blueprint per user-facing area."""

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from finder.web.views import about
    from finder.web.views import ask
    from finder.web.views import concerns
    from finder.web.views import coordinator
    from finder.web.views import feed
    from finder.web.views import group_statement
    from finder.web.views import groups
    from finder.web.views import guides
    from finder.web.views import health
    from finder.web.views import home
    from finder.web.views import meeting_facts
    from finder.web.views import meetings
    from finder.web.views import outcomes
    from finder.web.views import profile
    from finder.web.views import search_engines
    from finder.web.views import sources
    from finder.web.views import stepping_in
    from finder.web.views import two_factor
    from finder.web.views import volunteer
    from finder.web.views import volunteer_records

    for module in (home, groups, guides, meetings, feed, about, ask, volunteer, two_factor,
                   profile, coordinator, stepping_in, volunteer_records, concerns, sources,
                   outcomes, meeting_facts, group_statement, health, search_engines):
        app.register_blueprint(module.bp)
