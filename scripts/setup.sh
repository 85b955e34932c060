#!/usr/bin/env bash
# Shared set-up: a virtualenv with the given requirements file, local front-end
# assets from npm, and the var/ folders the embedded broker and SQLite use.
set -euo pipefail
cd "$(dirname "$0")/.."
REQS="${1:-requirements.txt}"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3

if [ ! -x .venv/bin/python ]; then
  echo "== Tạo môi trường ảo .venv"
  "$PY" -m venv .venv
fi
stamp=".venv/.installed-$(cat "$REQS" requirements.txt | sha1sum | cut -c1-12)"
runtime="$(sha1sum < requirements.txt | cut -c1-12)"
# The dev requirements include the runtime ones: either stamp satisfies requirements.txt.
if [ ! -f "$stamp" ] && ! { [ "$REQS" = requirements.txt ] && grep -qsx "$runtime" .venv/.installed-*; }; then
  echo "== Cài thư viện ($REQS)"
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -r "$REQS"
  echo "$runtime" > "$stamp"
fi
if [ ! -d node_modules/bootstrap ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "== Cài giao diện (npm)"
    npm install --no-audit --no-fund --silent
  else
    echo "!! Không có npm: giao diện dùng CSS tối giản (cài Node.js để có Bootstrap)." >&2
  fi
fi
VAR="${DONDOC_VAR_DIR:-var}"
mkdir -p "$VAR/broker/out" "$VAR/broker/processed" "$VAR/broker/control" "$VAR/media"
