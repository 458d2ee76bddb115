#!/bin/sh
# Stand-in for the postgres image's first start: a cluster with POSTGRES_USER (password
# POSTGRES_PASSWORD) and the database POSTGRES_DB, then the server on every address.
set -e
bin=/usr/lib/postgresql/15/bin
data=/var/lib/postgresql/data
if [ ! -s "$data/PG_VERSION" ]; then
    mkdir -p "$data" && chown postgres:postgres "$data" && chmod 700 "$data"
    printf '%s\n' "$POSTGRES_PASSWORD" > /tmp/pw && chown postgres /tmp/pw
    su postgres -s /bin/sh -c "$bin/initdb -D $data -U $POSTGRES_USER --pwfile=/tmp/pw --auth-local=trust --auth-host=scram-sha-256" >/dev/null
    rm /tmp/pw
    echo "host all all all scram-sha-256" >> "$data/pg_hba.conf"
    su postgres -s /bin/sh -c "$bin/pg_ctl -D $data -w -o '-c listen_addresses=' start >/dev/null && $bin/createdb -U $POSTGRES_USER $POSTGRES_DB && $bin/pg_ctl -D $data -w stop >/dev/null"
fi
exec su postgres -s /bin/sh -c "exec $bin/postgres -D $data -c listen_addresses='*'"
