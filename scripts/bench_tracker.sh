#!/usr/bin/env bash
# Builds one bench database per size, once, for the engine of $DATABASE_URL's family:
#   30k (the current workload), 300k = 30k + 270k closed archive, 1m = 300k + 700k closed archive,
# migrates them to the current schema, then times every page beside its floor at each size and
# prints the growth against 30k.
#   bash scripts/bench_tracker.sh sqlite /tmp/bench            # SQLite files /tmp/bench-30k.sqlite3, -300k, -1m
#   bash scripts/bench_tracker.sh postgres postgres://u@127.0.0.1:5432   # databases bench30k, bench300k, bench1m
# BENCH_SIZES chooses the sizes measured (default "30k 300k"; "30k 300k 1m" adds the million;
# the 1m database is built only when asked for). BENCH_BUILD_ONLY=1 builds and stops.
# Extra arguments go to each measuring run (e.g. --requests 15 --load 8).
set -euo pipefail
cd "$(dirname "$0")/.."
ENGINE=$1; BASE=$2; shift 2
PY=.venv/bin/python
SIZES=${BENCH_SIZES:-30k 300k}
declare -A PARENT=([300k]=30k [1m]=300k) ARCHIVE=([300k]=270000 [1m]=700000)

url() {  # the DATABASE_URL of one size
  if [ "$ENGINE" = sqlite ]; then echo "sqlite:///$BASE-$1.sqlite3"; else echo "$BASE/bench$1"; fi
}
built() {
  if [ "$ENGINE" = sqlite ]; then [ -f "$BASE-$1.sqlite3" ]
  else psql "$(url "$1")" -qtc "select 1 from tracker_closedtally limit 1" >/dev/null 2>&1; fi
}
build() {  # a size: its parent copied, then its closed archive added (30k: generated from nothing)
  local size=$1 parent=${PARENT[$1]:-}
  built "$size" && return 0
  [ -n "$parent" ] && build "$parent"
  echo "building $ENGINE $size" >&2
  if [ "$ENGINE" = sqlite ]; then
    rm -f "$BASE-$size".sqlite3*
    if [ -n "$parent" ]; then
      $PY - "$BASE-$parent.sqlite3" "$BASE-$size.sqlite3" <<'PYEOF'
import sqlite3, sys
src, dst = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
src.backup(dst)
PYEOF
    fi
  else
    psql "$BASE/postgres" -qc "DROP DATABASE IF EXISTS bench$size"
    psql "$BASE/postgres" -qc "CREATE DATABASE bench$size${parent:+ TEMPLATE bench$parent}"
  fi
  DATABASE_URL=$(url "$size") $PY manage.py migrate -v0
  if [ -n "$parent" ]; then
    DATABASE_URL=$(url "$size") $PY manage.py bench_tracker --force --archive --tasks "${ARCHIVE[$size]}" --requests 1 >/dev/null
  else
    DATABASE_URL=$(url "$size") $PY manage.py bench_tracker --tasks 30000 --units 300 --requests 1 >/dev/null
  fi
}

for size in $SIZES; do build "$size"; done
[ "${BENCH_BUILD_ONLY:-}" = 1 ] && exit 0
for size in $SIZES; do  # the schema of this checkout (new indexes are built here, once), fresh statistics
  DATABASE_URL=$(url "$size") $PY manage.py migrate -v0
  if [ "$ENGINE" = sqlite ]; then
    $PY -c 'import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute("ANALYZE")' "$BASE-$size.sqlite3"
  else
    psql "$(url "$size")" -qc "VACUUM ANALYZE"
  fi
done
first=${SIZES%% *}
for size in $SIZES; do
  if [ "$size" = "$first" ]; then
    DATABASE_URL=$(url "$size") $PY manage.py bench_tracker --measure-only --save "/tmp/bench-$ENGINE-$size.json" "$@"
  else
    DATABASE_URL=$(url "$size") $PY manage.py bench_tracker --measure-only --baseline "/tmp/bench-$ENGINE-$first.json" "$@"
  fi
done
