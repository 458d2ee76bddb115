"""requests: the requester's anonymous answers after the meeting (went, again, next, stopped)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 05:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

COLUMNS = (
    ("follow_up_went", ("yes", "no"), "ck_requests_follow_up_went"),
    ("follow_up_again", ("yes", "no", "not_sure"), "ck_requests_follow_up_again"),
    ("follow_up_next", ("accompany", "other_group", "online"), "ck_requests_follow_up_next"),
)


def upgrade():
    with op.batch_alter_table("accompaniment_requests") as batch_op:
        for name, codes, constraint in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Enum(
                *codes, name=constraint, native_enum=False, create_constraint=True, length=20),
                nullable=True))
        batch_op.add_column(sa.Column("follow_up_stopped_at", sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table("accompaniment_requests") as batch_op:
        batch_op.drop_column("follow_up_stopped_at")
        for name, _codes, constraint in reversed(COLUMNS):
            batch_op.drop_constraint(constraint, type_="check")
            batch_op.drop_column(name)
