"""sources as data: a name, a schedule, the outcome of the last sync; a data version token

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 05:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

COUNTS = ('failures', 'added', 'updated', 'unchanged', 'removed', 'rejected')


def upgrade():
    op.create_table(
        'data_versions',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('token', sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )
    with op.batch_alter_table('meeting_sources') as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('every_minutes', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last_attempt_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_success_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_error', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('sync_requested_at', sa.DateTime(), nullable=True))
        for column in COUNTS:
            batch_op.add_column(
                sa.Column(column, sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_unique_constraint('uq_meeting_sources_name', ['name'])
    with op.batch_alter_table('meeting_sources') as batch_op:
        for column in COUNTS:
            batch_op.alter_column(column, server_default=None)


def downgrade():
    op.drop_table('data_versions')
    with op.batch_alter_table('meeting_sources') as batch_op:
        batch_op.drop_constraint('uq_meeting_sources_name', type_='unique')
        for column in reversed(COUNTS):
            batch_op.drop_column(column)
        for column in ('sync_requested_at', 'last_error', 'last_success_at', 'last_attempt_at', 'every_minutes',
                       'name'):
            batch_op.drop_column(column)
