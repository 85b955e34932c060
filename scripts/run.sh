#!/usr/bin/env bash
# One command on a fresh machine: set up, seed, then run the web app, the
# Celery worker and beat together (SQLite + filesystem broker: no servers).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.local}"
PORT="${PORT:-8000}"
.venv/bin/python manage.py migrate --noinput
# The demo province: DONDOC_PROVINCE (default Hà Tĩnh), e.g. DONDOC_PROVINCE="Quảng Ninh" bash scripts/run.sh
.venv/bin/python manage.py load_seeds

.venv/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2 \
  --schedule=var/celerybeat-schedule >var/celery.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM
echo "== Celery worker + beat đang chạy (nhật ký: var/celery.log)"
echo "== Mở http://localhost:$PORT/ (Ctrl+C để dừng)"
.venv/bin/python manage.py runserver "0.0.0.0:$PORT"
