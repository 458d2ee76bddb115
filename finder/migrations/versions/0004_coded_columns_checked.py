"""coded columns checked against the vocabulary

Every column that holds a code from finder.vocabulary gets a CHECK constraint, so the
database refuses a code the app does not know (the models declare the same constraints with
SQLAlchemy's non-native Enum; tests/test_migrations.py checks that they agree).

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The codes as they were when this revision was written (a later change to the vocabulary
# needs a migration of its own that replaces the constraint).
CHECKS = {
    "meetings": (
        ("ck_meetings_attendance_mode", "attendance_mode", ('in_person', 'hybrid', 'online', 'inactive')),
        ("ck_meetings_ethos", "ethos", ('secular', 'spiritual')),
        ("ck_meetings_ethos_source", "ethos_source", ('group', 'fellowship')),
        ("ck_meetings_ort_openness", "ort_openness", ('welcoming', 'restricted', 'not_stated')),
        ("ck_meetings_ort_source", "ort_source", ('group', 'fellowship')),
    ),
    "volunteers": (
        ("ck_volunteers_role", "role", ('volunteer', 'coordinator')),
        ("ck_volunteers_state", "state", ('active', 'retired')),
        ("ck_volunteers_gender", "gender", ('woman', 'man', 'non_binary')),
    ),
    "accompaniment_requests": (
        ("ck_requests_contact_method", "contact_method", ('phone', 'email')),
        ("ck_requests_volunteer_gender", "volunteer_gender", ('woman', 'man', 'non_binary')),
        ("ck_requests_made_by", "made_by", ('self', 'keyworker')),
        ("ck_requests_status", "status", ('submitted', 'offering', 'escalated', 'matched', 'contacted', 'completed', 'cancelled', 'expired', 'closed', 'held')),
        ("ck_requests_closed_reason", "closed_reason", ('no_volunteer', 'duplicate', 'spam', 'safeguarding', 'over_limit')),
        ("ck_requests_held_reason", "held_reason", ('duplicate', 'over_limit')),
        ("ck_requests_outcome", "outcome", ('attended', 'did_not_come', 'meeting_did_not_happen', 'unknown')),
    ),
    "offers": (
        ("ck_offers_status", "status", ('offered', 'accepted', 'declined', 'taken', 'expired', 'withdrawn')),
    ),
    "request_events": (
        ("ck_request_events_from_status", "from_status", ('submitted', 'offering', 'escalated', 'matched', 'contacted', 'completed', 'cancelled', 'expired', 'closed', 'held')),
        ("ck_request_events_to_status", "to_status", ('submitted', 'offering', 'escalated', 'matched', 'contacted', 'completed', 'cancelled', 'expired', 'closed', 'held')),
        ("ck_request_events_actor_role", "actor_role", ('requester', 'volunteer', 'coordinator', 'system')),
    ),
    "outbox_messages": (
        ("ck_outbox_messages_status", "status", ('pending', 'sending', 'sent', 'failed')),
    ),
}


def _condition(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{code}'" for code in codes) + ")"


def upgrade():
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch_op:
            for name, column, codes in checks:
                batch_op.create_check_constraint(name, _condition(column, codes))


def downgrade():
    for table, checks in CHECKS.items():
        with op.batch_alter_table(table) as batch_op:
            for name, _column, _codes in checks:
                batch_op.drop_constraint(name, type_="check")
