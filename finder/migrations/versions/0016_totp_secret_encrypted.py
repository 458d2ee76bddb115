"""two-factor secrets stored encrypted

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 10:10:00

"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

from finder.models.encrypted import decrypt
from finder.models.encrypted import encrypt


# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

volunteers = sa.table("volunteers", sa.column("id", sa.Integer),
                      sa.column("totp_secret", sa.String))


def _rewrite(change) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(volunteers.c.id, volunteers.c.totp_secret)
                              .where(volunteers.c.totp_secret.is_not(None))).all()
    for volunteer_id, value in rows:
        connection.execute(volunteers.update().where(volunteers.c.id == volunteer_id)
                           .values(totp_secret=change(value)))


def upgrade():
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.alter_column("totp_secret", type_=sa.String(length=255),
                              existing_type=sa.String(length=64), existing_nullable=True)
    _rewrite(lambda secret: encrypt(secret, current_app.config))


def downgrade():
    _rewrite(lambda token: decrypt(token, current_app.config))
    with op.batch_alter_table("volunteers") as batch_op:
        batch_op.alter_column("totp_secret", type_=sa.String(length=64),
                              existing_type=sa.String(length=255), existing_nullable=True)
