"""sign-in security: a throttle instead of a lockout, session versions, two-factor sign-in,
and outbox send attempts recorded before the mail server gets the message

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The outbox's codes as they are at this revision ("unconfirmed" is new).
OUTBOX_STATUSES = ("pending", "sending", "sent", "failed", "unconfirmed")


def _condition(codes: tuple[str, ...]) -> str:
    return "status IN (" + ", ".join(f"'{code}'" for code in codes) + ")"


def upgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.alter_column("locked_until", new_column_name="next_sign_in_at")
        batch_op.add_column(sa.Column("session_version", sa.Integer(), server_default="0",
                                      nullable=False))
        batch_op.add_column(sa.Column("totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("totp_confirmed_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("recovery_code_hashes", sa.JSON(), nullable=True))
    with op.batch_alter_table("outbox_messages") as batch_op:
        batch_op.add_column(sa.Column("attempt_started_at", sa.DateTime(), nullable=True))
        batch_op.drop_constraint("ck_outbox_messages_status", type_="check")
        batch_op.create_check_constraint("ck_outbox_messages_status",
                                         _condition(OUTBOX_STATUSES))


def downgrade():
    op.execute("UPDATE outbox_messages SET status = 'failed' WHERE status = 'unconfirmed'")
    with op.batch_alter_table("outbox_messages") as batch_op:
        batch_op.drop_column("attempt_started_at")
        batch_op.drop_constraint("ck_outbox_messages_status", type_="check")
        batch_op.create_check_constraint("ck_outbox_messages_status",
                                         _condition(OUTBOX_STATUSES[:-1]))
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.drop_column("recovery_code_hashes")
        batch_op.drop_column("totp_last_step")
        batch_op.drop_column("totp_confirmed_at")
        batch_op.drop_column("totp_secret")
        batch_op.drop_column("session_version")
        batch_op.alter_column("next_sign_in_at", new_column_name="locked_until")
