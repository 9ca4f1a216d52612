#!/usr/bin/env bash
# Install the project with its test dependencies, run the whole test suite on SQLite, then
# the database tests again on PostgreSQL.
#
# The PostgreSQL run starts a throwaway cluster with scripts/postgres.sh (which installs
# Debian's PostgreSQL when missing) and runs every test but the extraction and browser ones
# with `--db=postgresql`; set TEST_POSTGRES_URL to use a server of your own instead, or
# TEST_POSTGRES=0 to skip it. Extra arguments go to both runs.
#
# The browser tests (tests/browser) drive Debian's Chromium through Playwright; it is installed
# with apt-get when missing (never `playwright install`, which downloads its own browser).
# Set CHROMIUM_PATH to use a browser somewhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM" ]]; then
    if [[ -n "${CHROMIUM_PATH:-}" ]]; then
        echo "error: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "error: $CHROMIUM is missing and there is no apt-get to install it;" \
            "install Chromium and set CHROMIUM_PATH to it" >&2
        exit 1
    fi
    if [[ "$(id -u)" -eq 0 ]]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1; then
        as_root=(sudo)
    else
        echo "error: $CHROMIUM is missing and the browser tests need it;" \
            "install it as root (apt-get install chromium) or set CHROMIUM_PATH" >&2
        exit 1
    fi
    echo "installing chromium with apt-get (needed by tests/browser)" >&2
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

python -m pip install --quiet --disable-pip-version-check -e ".[dev,postgres]"
status=0
python -m pytest -n auto "$@" || status=$?

if [[ "${TEST_POSTGRES:-1}" != 0 ]]; then
    echo "the database tests again, on PostgreSQL" >&2
    on_postgres=(python -m pytest -n auto --db=postgresql --ignore=tests/extraction
        --ignore=tests/browser "$@")
    if [[ -z "${TEST_POSTGRES_URL:-}" ]]; then
        on_postgres=(bash scripts/postgres.sh "${on_postgres[@]}")
    fi
    pg_status=0
    "${on_postgres[@]}" || pg_status=$?
    # 5: the arguments chose no database tests (only browser ones, say).
    if [[ $pg_status -ne 0 && $pg_status -ne 5 && $status -eq 0 ]]; then
        status=$pg_status
    fi
fi
exit "$status"
