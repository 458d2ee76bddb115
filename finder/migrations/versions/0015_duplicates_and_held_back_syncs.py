"""duplicates across sources, a sync held back for confirmation, and the search index
covering whose word a meeting's ethos is

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-02 09:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0013"
branch_labels = None
depends_on = None

RADIUS_INDEX = ["grid_cell", "week_minute", "latitude", "longitude", "duration_minutes",
                "attendance_mode", "fellowship", "ethos", "ort_openness", "feature_bits",
                "ort_source"]


def upgrade():
    with op.batch_alter_table("meeting_sources") as batch_op:
        batch_op.add_column(sa.Column("held_back_removals", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("removals_allowed", sa.Integer(), nullable=True))
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.add_column(sa.Column("duplicate_of_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_meetings_duplicate_of_id_meetings", "meetings",
                                    ["duplicate_of_id"], ["id"], ondelete="SET NULL")
        batch_op.drop_index("ix_meetings_radius_search")
        batch_op.create_index("ix_meetings_radius_search",
                              [*RADIUS_INDEX, "duplicate_of_id", "ethos_source"])


def downgrade():
    with op.batch_alter_table("meetings") as batch_op:
        batch_op.drop_index("ix_meetings_radius_search")
        batch_op.create_index("ix_meetings_radius_search", RADIUS_INDEX)
        batch_op.drop_constraint("fk_meetings_duplicate_of_id_meetings", type_="foreignkey")
        batch_op.drop_column("duplicate_of_id")
    with op.batch_alter_table("meeting_sources") as batch_op:
        batch_op.drop_column("removals_allowed")
        batch_op.drop_column("held_back_removals")
