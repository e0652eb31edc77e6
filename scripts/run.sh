#!/usr/bin/env bash
# `make run`: migrate the embedded database, load the demo on a new one, then serve :8000 with the
# background worker and the clock beside it. Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."
GM=.venv/bin/greenmine
mkdir -p var
new_database=0
if [ -z "${DATABASE_URL:-}" ] && [ ! -s var/greenmine.sqlite3 ]; then new_database=1; fi
$GM migrate --no-input
$GM collectstatic --no-input --verbosity 0
if [ "$new_database" = 1 ] || [ "$($GM demo --status)" = "empty" ]; then
  $GM demo
fi
$GM demo --logins
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
$GM db_worker --interval 2 --no-reload & pids+=($!)
$GM tick --every 300 & pids+=($!)
echo "GreenMine: http://127.0.0.1:8000  (Ctrl-C to stop)"
$GM runserver 127.0.0.1:8000 --noreload &
pids+=($!)
wait "${pids[-1]}"
