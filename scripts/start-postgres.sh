#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the storage tests and print its URL:
#
#     eval "$(scripts/start-postgres.sh)"   # sets NEWSEVENTS_TEST_PG=postgresql://...
#
# Installs nothing: it uses the Debian server binaries (`apt-get install -y postgresql`,
# done by .ci/run). The cluster lives in its own folder ($NEWSEVENTS_PG_DIR, default
# /tmp/newsevents-pg), listens on 127.0.0.1 only ($NEWSEVENTS_PG_PORT, default 54329)
# and leaves the system cluster alone. Running it again reuses the running server.
# Stop it with: pg_ctl -D "$NEWSEVENTS_PG_DIR/data" stop   (as the postgres user when root)
# Everything but the final line goes to stderr, so the output can be eval'ed.
set -euo pipefail

PG_DIR="${NEWSEVENTS_PG_DIR:-/tmp/newsevents-pg}"
PORT="${NEWSEVENTS_PG_PORT:-54329}"
DB="${NEWSEVENTS_PG_DB:-newsevents_test}"
USER_NAME=newsevents
PASSWORD=newsevents

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql;" \
         "install them with: apt-get install -y postgresql" >&2
    exit 1
fi

# initdb and the server refuse to run as root: run them as the postgres user then.
if [ "$(id -u)" = 0 ]; then
    OWNER=postgres
    as_owner() { runuser -u postgres -- "$@"; }
else
    OWNER="$(id -un)"
    as_owner() { "$@"; }
fi

mkdir -p "$PG_DIR"
chown "$OWNER" "$PG_DIR"
if [ ! -s "$PG_DIR/data/PG_VERSION" ]; then
    as_owner "$BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >&2
fi
if ! as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $PG_DIR -c fsync=off" >&2
fi

psql_admin() { as_owner "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != 1 ]; then
    psql_admin -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $DB OWNER $USER_NAME" >&2
fi

echo "NEWSEVENTS_TEST_PG=postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"
