"""meeting facts: group statements, people's experience, sources and dates

Each meeting keeps the group's own statements (in its listing, or published since), people's
experience as published counts, and the effective ethos and medication answers with their
source and date (derived when saved; search filters on them). Group statements recorded by
coordinators or made through a group's signed link, and experience answers, get tables.

Revision ID: 0006
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0004"
branch_labels = None
depends_on = None

ETHOS = ("secular", "spiritual")
STATEMENTS = ("welcoming", "restricted")
CHANNELS = ("feed", "coordinator", "group_link")
SOURCES = ("group", "experience", "fellowship")
OLD_SOURCES = ("group", "fellowship")
OPENNESS = ("welcoming", "restricted", "mixed", "not_stated")
OLD_OPENNESS = ("welcoming", "restricted", "not_stated")
RADIUS_INDEX = ["grid_cell", "week_minute", "latitude", "longitude", "duration_minutes",
                "attendance_mode", "fellowship", "ethos", "ort_openness", "feature_bits"]


def _in(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{code}'" for code in codes) + ")"


def _coded(name: str, codes: tuple[str, ...], constraint: str) -> sa.Column:
    return sa.Column(name, sa.Enum(*codes, name=constraint, native_enum=False,
                                   create_constraint=True, length=20), nullable=True)


def upgrade():
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.add_column(sa.Column("ethos_as_of", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("ort_as_of", sa.Date(), nullable=True))
        batch_op.add_column(_coded("feed_ethos", ETHOS, "ck_meetings_feed_ethos"))
        batch_op.add_column(_coded("feed_ort", STATEMENTS, "ck_meetings_feed_ort"))
        batch_op.add_column(sa.Column("feed_facts_on", sa.Date(), nullable=True))
        batch_op.add_column(_coded("group_ethos", ETHOS, "ck_meetings_group_ethos"))
        batch_op.add_column(sa.Column("group_ethos_on", sa.Date(), nullable=True))
        batch_op.add_column(_coded("group_ethos_via", CHANNELS, "ck_meetings_group_ethos_via"))
        batch_op.add_column(_coded("group_ort", STATEMENTS, "ck_meetings_group_ort"))
        batch_op.add_column(sa.Column("group_ort_on", sa.Date(), nullable=True))
        batch_op.add_column(_coded("group_ort_via", CHANNELS, "ck_meetings_group_ort_via"))
        batch_op.add_column(sa.Column("experience_welcomed", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("experience_total", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("experience_on", sa.Date(), nullable=True))
        for name, column, codes in (
            ("ck_meetings_ethos_source", "ethos_source", SOURCES),
            ("ck_meetings_ort_source", "ort_source", SOURCES),
            ("ck_meetings_ort_openness", "ort_openness", OPENNESS),
        ):
            batch_op.drop_constraint(name, type_="check")
            batch_op.create_check_constraint(name, _in(column, codes))
        batch_op.drop_index("ix_meetings_radius_search")
        batch_op.create_index("ix_meetings_radius_search", [*RADIUS_INDEX, "ort_source"])
    # The listing's statements were stored as the effective answer until now.
    op.execute("UPDATE meetings SET feed_ort = ort_openness WHERE ort_source = 'group'"
               " AND ort_openness IN ('welcoming', 'restricted')")
    op.execute("UPDATE meetings SET feed_ethos = ethos WHERE ethos_source = 'group'")

    op.create_table(
        "group_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_slug", sa.String(length=200), nullable=False),
        sa.Column("meeting_name", sa.String(length=300), nullable=False),
        sa.Column("topic", sa.Enum("medication", "ethos", name="ck_group_statements_topic",
                                   native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column("value", sa.String(length=20), nullable=False),
        sa.Column("via", sa.Enum(*CHANNELS, name="ck_group_statements_via", native_enum=False,
                                 create_constraint=True, length=20), nullable=False),
        sa.Column("heard_by", sa.Enum("phone", "email", "in_person", "website",
                                      name="ck_group_statements_heard_by", native_enum=False,
                                      create_constraint=True, length=20), nullable=True),
        sa.Column("stated_on", sa.Date(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.Enum("pending", "published", "rejected",
                                    name="ck_group_statements_status", native_enum=False,
                                    create_constraint=True, length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["decided_by_id"], ["volunteers.id"]),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["volunteers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("group_statements") as batch_op:
        batch_op.create_index(batch_op.f("ix_group_statements_meeting_slug"), ["meeting_slug"])
    op.create_table(
        "experience_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_slug", sa.String(length=200), nullable=False),
        sa.Column("respondent", sa.String(length=64), nullable=False),
        sa.Column("felt_welcome", sa.Boolean(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_slug", "respondent", name="uq_experience_respondent"),
    )
    with op.batch_alter_table("experience_answers") as batch_op:
        batch_op.create_index(batch_op.f("ix_experience_answers_meeting_slug"), ["meeting_slug"])


def downgrade():
    op.drop_table("experience_answers")
    op.drop_table("group_statements")
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.drop_index("ix_meetings_radius_search")
        batch_op.create_index("ix_meetings_radius_search", RADIUS_INDEX)
        for name, column, codes in (
            ("ck_meetings_ethos_source", "ethos_source", OLD_SOURCES),
            ("ck_meetings_ort_source", "ort_source", OLD_SOURCES),
            ("ck_meetings_ort_openness", "ort_openness", OLD_OPENNESS),
        ):
            batch_op.drop_constraint(name, type_="check")
            batch_op.create_check_constraint(name, _in(column, codes))
        for column in ("experience_on", "experience_total", "experience_welcomed",
                       "group_ort_via", "group_ort_on", "group_ort", "group_ethos_via",
                       "group_ethos_on", "group_ethos", "feed_facts_on", "feed_ort",
                       "feed_ethos", "ort_as_of", "ethos_as_of"):
            batch_op.drop_column(column)
