#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the tests, on loopback, in a temporary folder.
#
#   bash scripts/postgres.sh COMMAND [ARGS...]   run COMMAND with TEST_POSTGRES_URL set,
#                                                 then stop the cluster and delete it
#   bash scripts/postgres.sh                      start it, print the URL and how to stop it
#
# PostgreSQL comes from Debian's packages, installed with apt-get when missing (as root or
# through sudo). Set PG_BIN to use the server binaries of another folder. The server
# refuses to run as root, so as root it runs as the `postgres` user that Debian's package
# makes. The cluster trusts loopback connections and skips fsync: it is for tests only.
set -euo pipefail

find_bin() {
    if [[ -n "${PG_BIN:-}" ]]; then
        echo "$PG_BIN"
        return
    fi
    # The newest installed major version.
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    echo "$dir"
}

as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        echo "error: PostgreSQL is missing; install it as root (apt-get install postgresql)" \
            "or set PG_BIN to its bin folder" >&2
        exit 1
    fi
}

BIN=$(find_bin)
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
    if [[ -n "${PG_BIN:-}" ]]; then
        echo "error: PG_BIN=$PG_BIN holds no initdb" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "error: PostgreSQL is missing and there is no apt-get to install it;" \
            "install it and set PG_BIN to its bin folder" >&2
        exit 1
    fi
    echo "installing postgresql with apt-get (needed by the database tests)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BIN=$(find_bin)
fi

# Run the server's programs as an ordinary user: `postgres` when we are root.
if [[ "$(id -u)" -eq 0 ]]; then
    if ! id postgres >/dev/null 2>&1; then
        useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
    fi
    as_server=(runuser -u postgres --)
else
    as_server=()
fi

# In memory when there is room (at least 1 GiB free in /dev/shm): every test copies a
# template database, and on a busy disk a copy takes a second instead of 20 ms.
BASE="${TMPDIR:-/tmp}"
if [[ -d /dev/shm && -w /dev/shm ]] &&
    (($(df -Pk /dev/shm | awk 'NR == 2 {print $4}') >= 1048576)); then
    BASE=/dev/shm
fi
DIR=$(mktemp -d "$BASE/tracker-postgres.XXXXXX")
chmod 755 "$DIR"
[[ "$(id -u)" -eq 0 ]] && chown postgres "$DIR"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_server[@]}" "$BIN/initdb" --pgdata="$DIR/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 ||
    { cat "$DIR/initdb.log" >&2; exit 1; }
# Durability is not wanted from a throwaway cluster; speed is.
"${as_server[@]}" "$BIN/pg_ctl" --pgdata="$DIR/data" --log="$DIR/server.log" --wait \
    --options="-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 \
-c max_connections=200" start >/dev/null ||
    { cat "$DIR/server.log" >&2; exit 1; }

URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
STOP="${as_server[*]} $BIN/pg_ctl --pgdata=$DIR/data --mode=immediate stop"

if [[ $# -eq 0 ]]; then
    echo "export TEST_POSTGRES_URL=$URL"
    echo "# stop it with: $STOP && rm -rf $DIR" >&2
    exit 0
fi

stop() {
    $STOP >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap stop EXIT
export TEST_POSTGRES_URL="$URL"
"$@"
