#!/usr/bin/env bash
# Install the project with its test dependencies, then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
python -m pytest -n auto "$@"
