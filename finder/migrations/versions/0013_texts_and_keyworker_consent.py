"""outbox: a channel (email or text message), who an attempt went to and the provider's id;
requests: a keyworker's record of their client's consent, and whether they may be told if
the client went

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 09:45:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

# The codes as they are at this revision.
CHANNELS = ('email', 'sms')
SENDERS = ('smtp', 'notify')


def _coded(codes, constraint):
    return sa.Enum(*codes, name=constraint, native_enum=False, create_constraint=True, length=10)


def upgrade():
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.add_column(sa.Column('channel', _coded(CHANNELS, 'ck_outbox_messages_channel'),
                                      nullable=False, server_default='email'))
        batch_op.add_column(sa.Column('sent_via', _coded(SENDERS, 'ck_outbox_messages_sent_via'),
                                      nullable=True))
        batch_op.add_column(sa.Column('provider_id', sa.String(length=64), nullable=True))
    with op.batch_alter_table('accompaniment_requests') as batch_op:
        batch_op.add_column(sa.Column('client_consent_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('keyworker_may_know_if_went', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('accompaniment_requests') as batch_op:
        batch_op.alter_column('keyworker_may_know_if_went', server_default=None)


def downgrade():
    with op.batch_alter_table('accompaniment_requests') as batch_op:
        batch_op.drop_column('keyworker_may_know_if_went')
        batch_op.drop_column('client_consent_at')
    with op.batch_alter_table('outbox_messages') as batch_op:
        batch_op.drop_column('provider_id')
        batch_op.drop_constraint('ck_outbox_messages_sent_via', type_='check')
        batch_op.drop_column('sent_via')
        batch_op.drop_constraint('ck_outbox_messages_channel', type_='check')
        batch_op.drop_column('channel')
