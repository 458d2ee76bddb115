"""outcome figures: anonymous outcome events; the follow-up message, the welcome question and
the volunteer's note on requests; "we met, but they did not go in"

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 09:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

# The codes as they are at this revision ("met_not_in" is new).
OUTCOMES = ('attended', 'met_not_in', 'did_not_come', 'meeting_did_not_happen', 'unknown')
WELCOME = ('yes', 'no', 'skipped')
COUNTED = ('matched_counted', 'went_counted')


def _condition(column: str, codes: tuple[str, ...]) -> str:
    return f"{column} IN (" + ", ".join(f"'{code}'" for code in codes) + ")"


def upgrade():
    op.create_table(
        'outcome_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.Enum('received', 'matched', 'unmatched', 'went', 'again',
                                  name='ck_outcome_events_kind', native_enum=False,
                                  create_constraint=True, length=20), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('fellowship', sa.String(length=40), nullable=False),
        sa.Column('asked_by', sa.Enum('self', 'family', 'keyworker', name='ck_outcome_events_asked_by',
                                      native_enum=False, create_constraint=True, length=20),
                  nullable=False),
        sa.Column('area', sa.String(length=60), nullable=False),
        sa.Column('in_time', sa.Boolean(), nullable=True),
        sa.Column('minutes_to_match', sa.Integer(), nullable=True),
        sa.Column('is_demo', sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_outcome_events_month', 'outcome_events', ['month'])
    with op.batch_alter_table('accompaniment_requests') as batch_op:
        batch_op.add_column(sa.Column('takes_ort_medication', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('follow_up_welcome', sa.Enum(
            *WELCOME, name='ck_requests_follow_up_welcome', native_enum=False,
            create_constraint=True, length=20), nullable=True))
        batch_op.add_column(sa.Column('follow_up_sent_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('follow_up_token_hash', sa.String(length=64),
                                      nullable=True))
        batch_op.add_column(sa.Column('volunteer_note', sa.Text(), nullable=True))
        for column in COUNTED:
            batch_op.add_column(sa.Column(column, sa.Boolean(), nullable=False,
                                          server_default=sa.false()))
        batch_op.create_unique_constraint('uq_accompaniment_requests_follow_up_token_hash',
                                          ['follow_up_token_hash'])
        batch_op.drop_constraint('ck_requests_outcome', type_='check')
        batch_op.create_check_constraint('ck_requests_outcome', _condition('outcome', OUTCOMES))
    with op.batch_alter_table('accompaniment_requests') as batch_op:
        for column in COUNTED:
            batch_op.alter_column(column, server_default=None)


def downgrade():
    op.execute("UPDATE accompaniment_requests SET outcome = 'did_not_come' "
               "WHERE outcome = 'met_not_in'")
    with op.batch_alter_table('accompaniment_requests') as batch_op:
        batch_op.drop_constraint('ck_requests_outcome', type_='check')
        batch_op.create_check_constraint(
            'ck_requests_outcome', _condition('outcome', tuple(c for c in OUTCOMES
                                                               if c != 'met_not_in')))
        batch_op.drop_constraint('uq_accompaniment_requests_follow_up_token_hash',
                                 type_='unique')
        for column in reversed(COUNTED):
            batch_op.drop_column(column)
        batch_op.drop_column('volunteer_note')
        batch_op.drop_column('follow_up_token_hash')
        batch_op.drop_column('follow_up_sent_at')
        batch_op.drop_constraint('ck_requests_follow_up_welcome', type_='check')
        batch_op.drop_column('follow_up_welcome')
        batch_op.drop_column('takes_ort_medication')
    op.drop_index('ix_outcome_events_month', table_name='outcome_events')
    op.drop_table('outcome_events')
