"""no methadone or buprenorphine answer kept for a family group's request

The form no longer asks it for a family group (the question is about the person going to a
group for their own drinking or drug use); answers given before are not needed, so they go.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-02 17:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

# The family groups as they were when this migration was written (seeds/fellowships.toml,
# family_group = true).
FAMILY_GROUPS = ("al-anon", "nar-anon", "families-anonymous", "smart-family-friends")


def upgrade():
    requests = sa.table("accompaniment_requests", sa.column("fellowship", sa.String),
                        sa.column("takes_ort_medication", sa.Boolean))
    op.execute(requests.update()
               .where(requests.c.fellowship.in_(FAMILY_GROUPS))
               .values(takes_ort_medication=None))


def downgrade():
    pass  # the answers are gone; there is nothing to put back
