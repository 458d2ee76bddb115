"""room for a place name where a volunteer travels from ("Newport, Pembrokeshire"), not only a
postcode

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 12:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.alter_column("home_postcode", existing_type=sa.String(length=12),
                              type_=sa.String(length=80), existing_nullable=True)


def downgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.alter_column("home_postcode", existing_type=sa.String(length=80),
                              type_=sa.String(length=12), existing_nullable=True,
                              postgresql_using="left(home_postcode, 12)")
