#!/usr/bin/env bash
# One command on a fresh machine: set up, seed, then serve like production on this machine:
# gunicorn + whitenoise with DEBUG off, the Celery worker and beat beside it (SQLite +
# filesystem broker: no servers to install). Ctrl+C, or a TERM to this script, stops all of it.
#
#   DONDOC_HOST   address to listen on (default 127.0.0.1: this machine only). Set
#                 DONDOC_HOST=0.0.0.0 to open it to the office LAN; the machine's names and
#                 addresses are then allowed as hosts unless DJANGO_ALLOWED_HOSTS says otherwise.
#   PORT          port (default 8000)
#   DONDOC_VAR_DIR where the data lives (default var/: database, files, secret key)
#   DEMO_PASSWORD  password of the demo logins (default: generated, printed once)
#   --dev         Django's debug server with DEBUG on, for developers only
#   --check       set up and check that it would start (port free, settings, gunicorn and Celery
#                 configuration), then exit without touching the database or serving
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=serve
case "${1:-}" in
  --dev) MODE=dev ;;
  --check) MODE=check ;;
  "") ;;
  *) echo "Không rõ tùy chọn: $1 (dùng --dev hoặc --check)" >&2; exit 2 ;;
esac
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
# Before the slow steps: a port already taken would only fail after the migrations and the demo.
if ! .venv/bin/python -c 'import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], int(sys.argv[2])))' \
    "$HOST" "$PORT" 2>/dev/null; then
  echo "!! Cổng $PORT trên $HOST đang bận (dondoc đang chạy ở cửa sổ khác, hoặc một chương trình khác)." >&2
  echo "   Dừng chương trình đó, hoặc chọn cổng khác: PORT=8001 bash scripts/run.sh" >&2
  exit 1
fi
# The control socket is off: its default path in $HOME would be shared by every install on the machine.
GUNICORN=(.venv/bin/gunicorn config.wsgi --bind "$HOST:$PORT" --workers "${WEB_CONCURRENCY:-2}" --threads 4
  --timeout 60 --graceful-timeout 20 --access-logfile - --no-control-socket
  --forwarded-allow-ips "${DONDOC_TRUSTED_PROXIES:-127.0.0.1}")
CELERY=(.venv/bin/celery -A config worker --beat --loglevel=INFO --concurrency=2
  --schedule="$VAR/celerybeat-schedule")

if [ "$MODE" = check ]; then
  # Loads the app; the static files are gathered only on a real start (collectstatic, 800 files), hence no warning.
  PYTHONWARNINGS="ignore:No directory at:UserWarning" "${GUNICORN[@]}" --check-config
  # Django's checks, then Celery: its tasks import, the broker's folders answer, beat names only real tasks.
  .venv/bin/python -c 'import django; django.setup()
from django.core.management import call_command
from config.celery_app import app
call_command("check", fail_level="ERROR")
app.loader.import_default_modules()
with app.connection_for_write() as conn:
    conn.ensure_connection(max_retries=1)
unknown = sorted({job["task"] for job in app.conf.beat_schedule.values()} - set(app.tasks))
if unknown:
    raise SystemExit("!! Lịch beat gọi việc không có: " + ", ".join(unknown))'
  echo "== Sẵn sàng: bash scripts/run.sh sẽ phục vụ ở http://$HOST:$PORT/ (dữ liệu: $VAR)"
  exit 0
fi

.venv/bin/python manage.py migrate --noinput
# The demo province: DONDOC_PROVINCE (default Hà Tĩnh), e.g. DONDOC_PROVINCE="Quảng Ninh" bash scripts/run.sh
.venv/bin/python manage.py load_seeds
.venv/bin/python manage.py collectstatic --noinput -v 0

# Worker and web server each in their own session, so a stop reaches them once, as the trap's TERM:
# Ctrl+C's INT to the whole group followed by the trap's TERM once left Celery hung in its shutdown.
setsid "${CELERY[@]}" >"$VAR/celery.log" 2>&1 &
WORKER=$!
WEB=
stop() {
  trap - EXIT INT TERM HUP
  [ -n "$WEB" ] && kill -TERM "$WEB" 2>/dev/null
  kill -TERM "$WORKER" 2>/dev/null
  wait
  echo "== Đã dừng dondoc."
  exit "$1"
}
trap 'stop $?' EXIT
trap 'stop 130' INT
trap 'stop 143' TERM
trap 'stop 129' HUP  # the terminal closed
echo "== Celery worker + beat đang chạy (nhật ký: $VAR/celery.log)"
SHOWN="$HOST"; [ "$HOST" = "0.0.0.0" ] && SHOWN="$(hostname)"
echo "== Mở http://$SHOWN:$PORT/ (Ctrl+C để dừng)"
if [ "$MODE" = dev ]; then
  DJANGO_DEBUG=1 .venv/bin/python manage.py runserver "$HOST:$PORT"  # in the terminal's foreground: Ctrl+C
  exit
fi
# gunicorn in the background and the script waiting: a TERM sent to this script alone (a service
# manager, `kill PID`) reaches the trap at once and stops both, instead of waiting for gunicorn to end.
setsid "${GUNICORN[@]}" &
WEB=$!
set +e
wait -n
status=$?
kill -0 "$WORKER" 2>/dev/null || echo "!! Celery worker đã dừng bất ngờ (xem $VAR/celery.log)." >&2
exit "$status"
