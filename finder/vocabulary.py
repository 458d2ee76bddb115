"""Every enumeration the app stores or shows, defined once: its codes (stored in the database,
sent in URLs and feeds, checked by CHECK constraints) and the words people read for them.

Where one set of codes is put into words in more than one way (a short label on a meeting, a
longer one in the filters), both label tables are here, keyed by the same codes; a test checks
that they agree."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# --- Meetings --------------------------------------------------------------------------------

ETHOS = {"secular": _l("Secular"), "spiritual": _l("Spiritual")}
ETHOS_EXPLAINED = {
    "secular": _l("Secular (for people who want a group without religious or spiritual language)"),
    "spiritual": _l("Spiritual (refers to a higher power of your own understanding)"),
}

# How a meeting is attended, as stored (the Meeting Guide's attendance_option values).
ATTENDANCE = {
    "in_person": _l("In person"),
    "hybrid": _l("In person and online"),
    "online": _l("Online"),
    "inactive": _l("Not meeting at the moment"),
}

# Openness to opioid substitution treatment (methadone, buprenorphine).
ORT_OPENNESS = {
    "welcoming": _l("Welcomes people on methadone or buprenorphine"),
    "restricted": _l("People on methadone or buprenorphine may have limits, such as not sharing"),
    "mixed": _l("People on methadone or buprenorphine have had mixed experiences"),
    "not_stated": _l("Position on methadone or buprenorphine not stated"),
}
# What a group itself can say (a coordinator records it, or the group through its link).
ORT_STATEMENTS = {
    "welcoming": _l("People on methadone or buprenorphine are welcome and can take part fully"),
    "restricted": _l("People on methadone or buprenorphine are welcome, with limits (for example "
                     "on sharing or service roles)"),
}
ORT_FILTER = {
    "welcoming": _l("Welcoming to people on methadone or buprenorphine"),
    "group": _l("Only groups that have said so themselves"),
}
# The stricter ethos choice: the group's own word, not its fellowship's usual approach.
ETHOS_BY_FILTER = {"group": _l("Only groups that have stated their ethos themselves")}

# Whose statement a meeting's ethos or medication position is, most specific first; a fact with
# none of these is "not stated".
FACT_SOURCES = {
    "group": _l("stated by the group"),
    "experience": _l("from people who went"),
    "fellowship": _l("the fellowship's published position"),
}
# How a group's own statement reached us.
STATEMENT_CHANNELS = {
    "feed": _l("in the group's meeting listing"),
    "coordinator": _l("to a coordinator"),
    "group_link": _l("through the group's own link"),
}
# How a coordinator heard what a group said.
HEARD_BY = {
    "phone": _l("By phone"),
    "email": _l("By email"),
    "in_person": _l("In person"),
    "website": _l("On the group's own website or leaflet"),
}
STATEMENT_TOPICS = ("medication", "ethos")
STATEMENT_STATUSES = ("pending", "published", "rejected")

DAY_NAMES = (
    _l("Sunday"),
    _l("Monday"),
    _l("Tuesday"),
    _l("Wednesday"),
    _l("Thursday"),
    _l("Friday"),
    _l("Saturday"),
)

SEARCH_RADII_MILES = (1, 2, 5, 10, 25, 50)

# Languages meetings are held in (ISO 639-1, and bsl), as the language filter offers them.
MEETING_LANGUAGES = {
    "en": _l("English"),
    "cy": _l("Welsh"),
    "pl": _l("Polish"),
    "pa": _l("Punjabi"),
    "uk": _l("Ukrainian"),
    "es": _l("Spanish"),
    "pt": _l("Portuguese"),
    "ro": _l("Romanian"),
    "ur": _l("Urdu"),
    "bn": _l("Bengali"),
    "gd": _l("Scottish Gaelic"),
    "bsl": _l("British Sign Language"),
}

# --- Volunteers ------------------------------------------------------------------------------

ROLES = ("volunteer", "coordinator")
VOLUNTEER_STATES = ("active", "retired")  # "paused" is a date (paused_until), not a state
GENDERS = {"woman": _l("Woman"), "man": _l("Man"), "non_binary": _l("Non-binary")}
# What a requester may ask for, and how a volunteer's offer says it.
GENDER_WISHES = {"woman": _l("Would like a woman"), "man": _l("Would like a man")}
GENDER_WISH_CHOICES = {"woman": _l("A woman"), "man": _l("A man")}
VOLUNTEER_RADII_MILES = (1, 2, 5, 10, 15, 25)
# When a volunteer is usually free, by part of day (wall-clock minutes since midnight,
# [start, end)): the profile asks per weekday, routing reads the windows they make.
VOLUNTEER_PARTS_OF_DAY = {
    "morning": ((5 * 60, 12 * 60), _l("Mornings (5am to midday)")),
    "afternoon": ((12 * 60, 17 * 60), _l("Afternoons (midday to 5pm)")),
    "evening": ((17 * 60, 24 * 60), _l("Evenings (5pm to midnight)")),
}
# A check a service may require of its volunteers before they are offered requests
# (FINDER_PEER_REQUIRE_CHECK). Only the date it was done is kept, never its content.
VOLUNTEER_CHECKS = {
    "none": _l("No check"),
    "dbs": _l("DBS check"),
    "reference": _l("Reference check"),
}
# What a volunteer may still need before they are offered requests (finder.peer.requirements).
VOLUNTEER_REQUIREMENTS = {
    "agreement": _l("volunteer agreement"),
    "training": _l("training"),
    "dbs": _l("DBS check"),
    "reference": _l("reference check"),
}

# --- Requests to bring a peer ----------------------------------------------------------------

REQUEST_STATUSES = {
    "submitted": _l("Received"),
    "offering": _l("Looking for a volunteer"),
    "escalated": _l("Passed to a coordinator"),
    "matched": _l("Volunteer found"),
    "contacted": _l("Volunteer in touch"),
    "completed": _l("Finished"),
    "cancelled": _l("Cancelled"),
    "expired": _l("Expired"),
    "closed": _l("Closed"),
    "held": _l("Held back, not sent to volunteers"),
}
# Why a request was closed (a coordinator's choice) or held back (the system's).
CLOSE_REASONS = {
    "no_volunteer": _l("no volunteer could go"),
    "duplicate": _l("duplicate"),
    "spam": _l("spam"),
    "safeguarding": _l("safeguarding concern"),
}
HELD_REASONS = {
    "duplicate": _l("duplicate"),
    "over_limit": _l("too many requests from one contact in a day"),
}
REQUEST_REASONS = {**CLOSE_REASONS, **HELD_REASONS}
# Why else a status changed (event reasons that are neither closing nor holding back).
EVENT_REASONS = {
    "override": _l("offered by a coordinator outside the preferences"),
    "withdrawn": _l("the volunteer withdrew"),
    "assigned": _l("assigned by a coordinator"),
}
# Preferences a coordinator can ask the person to drop when nobody can meet them; the codes
# name the request's columns.
RELAXABLE_PREFERENCES = {
    "volunteer_gender": _l("the volunteer's gender"),
    "language": _l("the language the volunteer speaks"),
}
# What a volunteer can say happened; "unknown" is recorded when nobody said.
OUTCOME_CHOICES = {
    "attended": _l("We went to the meeting"),
    "met_not_in": _l("We met, but they did not go in"),
    "did_not_come": _l("They did not come"),
    "meeting_did_not_happen": _l("The meeting did not happen"),
}
OUTCOMES = (*OUTCOME_CHOICES, "unknown")
OFFER_STATUSES = {
    "offered": _l("offered"),
    "accepted": _l("accepted"),
    "declined": _l("declined"),
    "taken": _l("taken by someone else"),
    "expired": _l("expired"),
    "withdrawn": _l("withdrawn"),
}
ACTORS = {
    "requester": _l("requester"),
    "volunteer": _l("volunteer"),
    "coordinator": _l("coordinator"),
    "system": _l("automatic"),
}
CONTACT_METHODS = ("phone", "email")
MADE_BY = ("self", "keyworker")
# Who asked, as the outcome figures name them: MADE_BY's codes, with "family" for a person
# asking for themselves to go to a family group (finder.peer.outcome_events.asked_by).
ASKED_BY = {"self": _l("The person themselves"),
            "family": _l("A family member or friend, for a family group"),
            "keyworker": _l("A keyworker")}
# After the meeting, the person who asked answers (finder.peer.follow_up): codes only.
FOLLOW_UP_WENT = ("yes", "no")
FOLLOW_UP_AGAIN = ("yes", "no", "not_sure")
# What would help next: someone to go with them again, another group nearby, online meetings.
FOLLOW_UP_NEXT = ("accompany", "other_group", "online")
# Asked only of people who said they take methadone or buprenorphine: did you feel welcome?
FOLLOW_UP_WELCOME = ("yes", "no", "skipped")

# --- Outcome figures (finder.peer.outcome_events): anonymous, kept after the purge ----------

# What happened to a request, one row each: it was received, a volunteer was found (the
# first time), nobody could go, the person went in (said by them or the volunteer), they
# would go again.
OUTCOME_EVENT_KINDS = ("received", "matched", "unmatched", "went", "again")

# How a volunteer a coordinator could offer a request to differs from what it asks
# (finder.peer.preferences).
VOLUNTEER_MISMATCHES = {
    "fellowship": _l("not a member of this group"),
    "volunteer_gender": _l("not the gender asked for"),
    "language": _l("does not speak the language asked for"),
    "distance": _l("further away than they travel"),
    "time": _l("not usually free at that time"),
}
# --- Email outbox (staff never read these; codes only) ----------------------------------------

# "unconfirmed": a worker stopped while the mail server had the message, so it may or may
# not have been delivered; it is not sent again until someone decides (flask outbox ...).
OUTBOX_STATUSES = ("pending", "sending", "sent", "failed", "unconfirmed")
# How a message reaches its person: an email, or a text message to a mobile number.
OUTBOX_CHANNELS = ("email", "sms")
# Who an attempt handed the message to: a mail server, or GOV.UK Notify (email or text).
OUTBOX_SENDERS = ("smtp", "notify")
