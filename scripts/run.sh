#!/usr/bin/env bash
# One command on a fresh machine: set up, seed, then serve like production on this machine:
# gunicorn + whitenoise with DEBUG off, the Celery worker and beat beside it (SQLite +
# filesystem broker: no servers to install).
#
#   DONDOC_HOST   address to listen on (default 127.0.0.1: this machine only). Set
#                 DONDOC_HOST=0.0.0.0 to open it to the office LAN; the machine's names and
#                 addresses are then allowed as hosts unless DJANGO_ALLOWED_HOSTS says otherwise.
#   PORT          port (default 8000)
#   DONDOC_VAR_DIR where the data lives (default var/: database, files, secret key)
#   DEMO_PASSWORD  password of the demo logins (default: generated, printed once)
#   --dev         Django's debug server with DEBUG on, for developers only
set -euo pipefail
cd "$(dirname "$0")/.."
DEV=0
[ "${1:-}" = "--dev" ] && DEV=1
bash scripts/setup.sh requirements.txt
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.local}"
HOST="${DONDOC_HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
VAR="${DONDOC_VAR_DIR:-var}"
mkdir -p "$VAR/broker/out" "$VAR/broker/processed" "$VAR/broker/control" "$VAR/media"
if [ "$HOST" != "127.0.0.1" ] && [ "$HOST" != "localhost" ] && [ -z "${DJANGO_ALLOWED_HOSTS:-}" ]; then
  names="localhost,127.0.0.1,$(hostname)"
  for ip in $(hostname -I 2>/dev/null || true); do names="$names,$ip"; done
  [ "$HOST" != "0.0.0.0" ] && names="$names,$HOST"
  export DJANGO_ALLOWED_HOSTS="$names"
fi
.venv/bin/python manage.py migrate --noinput
# The demo province: DONDOC_PROVINCE (default Hà Tĩnh), e.g. DONDOC_PROVINCE="Quảng Ninh" bash scripts/run.sh
.venv/bin/python manage.py load_seeds
.venv/bin/python manage.py collectstatic --noinput -v 0

.venv/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2 \
  --schedule="$VAR/celerybeat-schedule" >"$VAR/celery.log" 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null; wait $WORKER 2>/dev/null' EXIT INT TERM
echo "== Celery worker + beat đang chạy (nhật ký: $VAR/celery.log)"
SHOWN="$HOST"; [ "$HOST" = "0.0.0.0" ] && SHOWN="$(hostname)"
echo "== Mở http://$SHOWN:$PORT/ (Ctrl+C để dừng)"
if [ "$DEV" = 1 ]; then
  DJANGO_DEBUG=1 .venv/bin/python manage.py runserver "$HOST:$PORT"
else
  .venv/bin/gunicorn config.wsgi --bind "$HOST:$PORT" --workers "${WEB_CONCURRENCY:-2}" --threads 4 \
    --timeout 60 --graceful-timeout 20 --access-logfile - --forwarded-allow-ips "${DONDOC_TRUSTED_PROXIES:-127.0.0.1}"
fi
