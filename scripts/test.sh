#!/usr/bin/env bash
# One command: set up and run the whole test suite (extra pytest arguments pass through).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
export DJANGO_SETTINGS_MODULE=config.settings.test
exec .venv/bin/python -m pytest "$@"
