#!/usr/bin/env bash
# Builds one bench database per size (30k, then 300k = 30k + 270k closed archive) for the engine of
# $DATABASE_URL's family, once, then times every page beside its floor at both sizes and the growth.
#   bash scripts/bench_tracker.sh sqlite /tmp/bench            # SQLite files /tmp/bench-30k.sqlite3, -300k
#   bash scripts/bench_tracker.sh postgres postgres://u@127.0.0.1:5432   # databases bench30k, bench300k
# Extra arguments go to each measuring run (e.g. --requests 15 --load 8).
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=$1; BASE=$2; shift 2
PY=.venv/bin/python
if [ "$ENGINE" = sqlite ]; then
  small="sqlite:///$BASE-30k.sqlite3"; big="sqlite:///$BASE-300k.sqlite3"
  if [ ! -f "$BASE-300k.sqlite3" ]; then
    rm -f "$BASE"-30k.sqlite3*
    DATABASE_URL=$small $PY manage.py migrate -v0
    DATABASE_URL=$small $PY manage.py bench_tracker --tasks 30000 --units 300 --requests 1 >/dev/null
    $PY - "$BASE-30k.sqlite3" "$BASE-300k.sqlite3" <<'PYEOF'
import sqlite3, sys
src, dst = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
src.backup(dst)
PYEOF
    DATABASE_URL=$big $PY manage.py bench_tracker --force --archive --tasks 270000 --requests 1 >/dev/null
  fi
else
  small="$BASE/bench30k"; big="$BASE/bench300k"
  if ! psql "$big" -c "select 1 from tracker_closedtally limit 1" >/dev/null 2>&1; then
    psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS bench30k" -c "DROP DATABASE IF EXISTS bench300k" -c "CREATE DATABASE bench30k"
    DATABASE_URL=$small $PY manage.py migrate -v0
    DATABASE_URL=$small $PY manage.py bench_tracker --tasks 30000 --units 300 --requests 1 >/dev/null
    psql "$BASE/postgres" -qc "CREATE DATABASE bench300k TEMPLATE bench30k"
    DATABASE_URL=$big $PY manage.py bench_tracker --force --archive --tasks 270000 --requests 1 >/dev/null
  fi
fi
DATABASE_URL=$small $PY manage.py bench_tracker --measure-only --save "/tmp/bench-$ENGINE-30k.json" "$@"
DATABASE_URL=$big $PY manage.py bench_tracker --measure-only --baseline "/tmp/bench-$ENGINE-30k.json" "$@"
