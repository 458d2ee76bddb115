"""a volunteer's weekly free times as a mask on their row, for routing

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# The slots as they were when this migration was written (finder/models/free_slots.py): each
# day in four parts starting at midnight, 5am, midday and 5pm.
SLOT_STARTS = (0, 300, 720, 1020)
SLOT_ENDS = (300, 720, 1020, 1440)


def _mask(windows):
    mask = 0
    for day, start, end in windows:
        for slot, (slot_start, slot_end) in enumerate(zip(SLOT_STARTS, SLOT_ENDS)):
            if start < slot_end and end > slot_start:
                mask |= 1 << (day * len(SLOT_STARTS) + slot)
    return mask


def upgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.add_column(
            sa.Column("free_slots", sa.Integer(), nullable=False, server_default="0"))
    connection = op.get_bind()
    windows = {}
    for volunteer_id, day, start, end in connection.execute(sa.text(
            "SELECT volunteer_id, day, start_minute, end_minute FROM availability_windows")):
        windows.setdefault(volunteer_id, []).append((day, start, end))
    volunteers = sa.table("volunteers", sa.column("id", sa.Integer),
                          sa.column("free_slots", sa.Integer))
    for volunteer_id, held in windows.items():
        connection.execute(sa.update(volunteers).where(volunteers.c.id == volunteer_id)
                           .values(free_slots=_mask(held)))


def downgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.drop_column("free_slots")
