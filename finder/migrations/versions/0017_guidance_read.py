"""when a volunteer confirmed they had read what a volunteer is and isn't

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02 10:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.add_column(sa.Column("guidance_read_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.drop_column("guidance_read_on")
