"""Bring a peer: a volunteer from the fellowship goes with someone to a meeting.

Pure domain modules (no Flask request objects): states (the one transition table), requests
(making and finding requests), routing (who is asked), matching (accept, decline, withdraw,
outcomes), timers (waves, escalation, expiry, reminders, purge), outbox (email), accounts
(volunteer passwords and sign-in)."""
