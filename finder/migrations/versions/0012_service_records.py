"""a peer-support service's records: volunteers' agreement, training, checks and last activity;
a coordinator's question to relax a preference; a coordinator's note on an event;
safeguarding concerns

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 09:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

VOLUNTEER_DATES = ("agreement_on", "trained_on", "dbs_checked_on", "reference_checked_on")
ACTORS = ("requester", "volunteer", "coordinator", "system")


def upgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        for name in VOLUNTEER_DATES:
            batch_op.add_column(sa.Column(name, sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("last_active_at", sa.DateTime(), nullable=True))
    # Everyone who offered through the sign-up form ticked the volunteer agreement then.
    day = "DATE(created_at)" if op.get_bind().dialect.name == "sqlite" \
        else "CAST(created_at AS DATE)"
    op.execute(f"UPDATE volunteers SET agreement_on = {day} WHERE role = 'volunteer'")
    with op.batch_alter_table("accompaniment_requests") as batch_op:
        batch_op.add_column(sa.Column("relax_asked_for", sa.Enum(
            "volunteer_gender", "language", name="ck_requests_relax_asked_for",
            native_enum=False, create_constraint=True, length=30), nullable=True))
        batch_op.add_column(sa.Column("relax_asked_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("request_events") as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
    op.create_table(
        "safeguarding_concerns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=False),
        sa.Column("raised_by_role", sa.Enum(
            *ACTORS, name="ck_safeguarding_concerns_raised_by_role", native_enum=False,
            create_constraint=True, length=20), nullable=False),
        sa.Column("urgent", sa.Boolean(), nullable=False),
        sa.Column("details", sa.Text(), nullable=True),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("handled_at", sa.DateTime(), nullable=True),
        sa.Column("handled_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["request_id"], ["accompaniment_requests.id"]),
        sa.ForeignKeyConstraint(["raised_by_id"], ["volunteers.id"]),
        sa.ForeignKeyConstraint(["handled_by_id"], ["volunteers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_safeguarding_concerns_request_id", "safeguarding_concerns",
                    ["request_id"])
    op.create_index("ix_safeguarding_concerns_open", "safeguarding_concerns", ["handled_at"])


def downgrade():
    op.drop_index("ix_safeguarding_concerns_open", table_name="safeguarding_concerns")
    op.drop_index("ix_safeguarding_concerns_request_id", table_name="safeguarding_concerns")
    op.drop_table("safeguarding_concerns")
    with op.batch_alter_table("request_events") as batch_op:
        batch_op.drop_column("note")
    with op.batch_alter_table("accompaniment_requests") as batch_op:
        batch_op.drop_column("relax_asked_at")
        batch_op.drop_constraint("ck_requests_relax_asked_for", type_="check")
        batch_op.drop_column("relax_asked_for")
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.drop_column("last_active_at")
        for name in reversed(VOLUNTEER_DATES):
            batch_op.drop_column(name)
