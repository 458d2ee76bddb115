"""requests: one open per person and meeting, a per-contact daily allowance, routing indexes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 04:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

OPEN_REQUEST = sa.text(
    "status IN ('submitted', 'offering', 'escalated', 'matched', 'contacted')")


def upgrade():
    op.create_table(
        'contact_allowances',
        sa.Column('contact_hash', sa.String(length=64), nullable=False),
        sa.Column('window_started_at', sa.DateTime(), nullable=False),
        sa.Column('used', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('contact_hash'),
    )
    # Open repeats that raced in before this index existed become held repeats (the earliest
    # stays open), so the index can be built.
    op.execute(
        "UPDATE accompaniment_requests SET status = 'held', held_reason = 'duplicate' "
        f"WHERE {OPEN_REQUEST.text} AND EXISTS (SELECT 1 FROM accompaniment_requests earlier "
        "WHERE earlier.contact_value = accompaniment_requests.contact_value "
        "AND earlier.fellowship = accompaniment_requests.fellowship "
        "AND earlier.wanted_day = accompaniment_requests.wanted_day "
        "AND earlier.wanted_minute = accompaniment_requests.wanted_minute "
        f"AND earlier.{OPEN_REQUEST.text} AND earlier.id < accompaniment_requests.id)")
    op.create_index(
        'uq_requests_open_per_meeting', 'accompaniment_requests',
        ['contact_value', 'fellowship', 'wanted_day', 'wanted_minute'], unique=True,
        sqlite_where=OPEN_REQUEST, postgresql_where=OPEN_REQUEST)
    # Routing as one query: who is going with whom, and bands of latitude per radius.
    op.create_index('ix_accompaniment_requests_volunteer_id', 'accompaniment_requests',
                    ['volunteer_id'])
    op.create_index('ix_volunteers_radius_latitude', 'volunteers',
                    ['travel_radius_miles', 'latitude'])
    op.create_index('ix_availability_when', 'availability_windows',
                    ['volunteer_id', 'day', 'start_minute', 'end_minute'])


def downgrade():
    op.drop_index('ix_availability_when', table_name='availability_windows')
    op.drop_index('ix_volunteers_radius_latitude', table_name='volunteers')
    op.drop_index('ix_accompaniment_requests_volunteer_id', table_name='accompaniment_requests')
    op.drop_index('uq_requests_open_per_meeting', table_name='accompaniment_requests')
    op.drop_table('contact_allowances')
