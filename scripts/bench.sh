#!/usr/bin/env bash
# make bench: seed a large register (fresh data directories), serve it, load
# every scenario with backend/cmd/loadtest on SQLite and on PostgreSQL, run
# the Go benchmarks, and write the "Seeding" and "Server load" figures into
# docs/benchmarks.md (between the make-bench markers; the rest is kept).
#
# Settings (environment): BENCH_SITES BENCH_INSPECTIONS BENCH_FINDINGS
# BENCH_CERTIFICATIONS (the register), BENCH_DURATION (per scenario, 10s),
# BENCH_CLIENTS (32), BENCH_WRITERS (16), BENCH_PG_URL (a PostgreSQL server
# the script may create and drop the database qualtrack_bench on; empty or
# unreachable: SQLite only), BENCH_SQLITE=0 (PostgreSQL only), BENCH_GO=0
# (skip the Go benchmarks), BENCH_OUT (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."

SITES=${BENCH_SITES:-10000}
INSPECTIONS=${BENCH_INSPECTIONS:-200000}
FINDINGS=${BENCH_FINDINGS:-100000}
CERTS=${BENCH_CERTIFICATIONS:-30000}
DURATION=${BENCH_DURATION:-10s}
CLIENTS=${BENCH_CLIENTS:-32}
WRITERS=${BENCH_WRITERS:-16}
PG_URL=${BENCH_PG_URL-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}
OUT=${BENCH_OUT:-docs/benchmarks.md}
EMAIL=bench-admin@example.com
PASSWORD=bench-admin-password-$$-$RANDOM

work=$(mktemp -d)
server_pid=""
pg_bench_url=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$pg_bench_url" ]; then psql -q "$PG_URL" -c 'DROP DATABASE IF EXISTS qualtrack_bench' >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building"
go build -o "$work/qualtrack" ./backend/cmd/qualtrack
go build -o "$work/loadtest" ./backend/cmd/loadtest

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_model=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
mem_total=$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)
started=$(date -u +"%Y-%m-%d %H:%M UTC")

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

# run_one LABEL DATABASE_URL TARGET_FACTOR FLOOR_DB
run_one() {
  local label=$1 url=$2 factor=$3 floor=$4
  local dir="$work/$label"
  mkdir -p "$dir"
  local port; port=$("$work/loadtest" -free-port)
  local -a env=(QUALTRACK_DATA_DIR="$dir" QUALTRACK_DATABASE_URL="$url" QUALTRACK_ADDR="127.0.0.1:$port"
    QUALTRACK_ADMIN_EMAIL="$EMAIL" QUALTRACK_ADMIN_PASSWORD="$PASSWORD" QUALTRACK_LOG_LEVEL=info)
  echo "== $label: seeding $SITES sites, $INSPECTIONS inspections, $FINDINGS findings, $CERTS certifications"
  local t0 t1
  t0=$(date +%s.%N)
  env "${env[@]}" "$work/qualtrack" seed --sites "$SITES" --inspections "$INSPECTIONS" --findings "$FINDINGS" --certifications "$CERTS" \
    2>"$dir/seed.log" | tee "$dir/seed.txt"
  t1=$(date +%s.%N)
  echo "$label $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b-a}')" >> "$work/seed-times"
  # The day's first reminder run records tens of thousands of reminders on
  # such a register; run it now so it is not part of the measurement.
  env "${env[@]}" "$work/qualtrack" reminders run >"$dir/reminders.txt" 2>>"$dir/seed.log"
  echo "== $label: serving on 127.0.0.1:$port"
  env "${env[@]}" "$work/qualtrack" serve >"$dir/serve.out" 2>"$dir/serve.log" &
  server_pid=$!
  for _ in $(seq 1 100); do
    env "${env[@]}" "$work/qualtrack" healthcheck >/dev/null 2>&1 && break
    sleep 0.2
  done
  sleep 3
  local idle; idle=$(rss_mb "$server_pid")
  local floor_flag=()
  if [ -n "$floor" ]; then floor_flag=(-floor-db "$floor"); fi
  "$work/loadtest" -url "http://127.0.0.1:$port" -email "$EMAIL" -password "$PASSWORD" \
    -clients "$CLIENTS" -writers "$WRITERS" -duration "$DURATION" -pid "$server_pid" \
    -target-factor "$factor" -label "$label" -markdown "$dir/table.md" -json "$dir/results.json" "${floor_flag[@]}"
  local after; after=$(rss_mb "$server_pid")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  {
    echo "### $label"
    echo
    if [ "$factor" != "1" ]; then echo "Targets relaxed ${factor}x (PostgreSQL within 2x of the SQLite targets)."; echo; fi
    echo "Server memory (VmRSS): **${idle} MB** idle after start (target < 60 MB), ${after} MB after the load."
    echo
    cat "$dir/table.md"
    echo
  } >> "$work/load.md"
}

if [ "${BENCH_SQLITE:-1}" != "0" ]; then
  run_one SQLite "" 1 "$work/SQLite/qualtrack.db"
fi

pg_note=""
if [ -n "$PG_URL" ] && command -v psql >/dev/null && psql -q "$PG_URL" -c 'SELECT 1' >/dev/null 2>&1; then
  base=${PG_URL%%\?*}; query=""
  case "$PG_URL" in *\?*) query="?${PG_URL#*\?}";; esac
  pg_bench_url="${base%/*}/qualtrack_bench$query"
  psql -q "$PG_URL" -c 'DROP DATABASE IF EXISTS qualtrack_bench' -c 'CREATE DATABASE qualtrack_bench' >/dev/null
  run_one PostgreSQL "$pg_bench_url" 2 "$pg_bench_url"
  psql -q "$PG_URL" -c 'DROP DATABASE IF EXISTS qualtrack_bench' >/dev/null
  pg_bench_url=""
else
  pg_note="PostgreSQL was not measured: BENCH_PG_URL ($PG_URL) was empty or unreachable, or psql is missing."
  echo "== $pg_note"
fi

gobench=""
if [ "${BENCH_GO:-1}" != "0" ]; then
  echo "== Go benchmarks"
  env -u QUALTRACK_TEST_DATABASE_URL go test -run '^$' -bench . -benchmem ./backend/... 2>&1 | tee "$work/gobench.txt" | grep -E '^(Benchmark|ok|FAIL|pkg:)' || true
  gobench=$(grep -E '^(Benchmark|pkg:)' "$work/gobench.txt" || true)
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

seed_lines() {
  while read -r label secs; do
    echo "| $label | $secs s | $(sed -n 's/.*seeded in \([0-9.]*s\).*/\1/p' "$work/$label/seed.txt") |"
  done < "$work/seed-times"
}

machine="$(nproc) CPUs ($cpu_model), $mem_total memory, $(go version | cut -d' ' -f3), Linux $(uname -r). Load average (1, 5, 15 min) $load_before at the start, $load_after at the end."
{
  echo "<!-- make bench seeding: begin -->"
  echo "Measured by \`make bench\` on $started. Machine: $machine"
  echo
  echo "\`qualtrack seed --sites $SITES --inspections $INSPECTIONS --findings $FINDINGS --certifications $CERTS\` into an empty database (target: under 60 s on SQLite):"
  echo
  echo "| database | whole command (incl. migrations) | bulk insert |"
  echo "|---|---:|---:|"
  seed_lines
  echo "<!-- make bench seeding: end -->"
} > "$work/seeding.md"
{
  echo "<!-- make bench load: begin -->"
  echo "Measured by \`make bench\` on $started. Machine: $machine"
  echo
  echo "Each scenario: $CLIENTS concurrent clients ($WRITERS for inspection writes, 4 for the report download; **mixed**: 28 readers and 4 writers at once) for $DURATION after a 2 s warm-up, over loopback, against \`qualtrack serve\` on the seeded register; the load tool runs on the same CPUs. The mixed rows are the headline: they defeat the caches (every write empties them, and the reads rarely repeat). \"server CPU ms/req\" is the server process's user+system time per request (from /proc), which other load on the machine hardly moves. The sites-list and dashboard floors are the same SQL through database/sql and encoding/json on net/http, with no router, auth, ORM or cache (the dashboard floor computes every figure on every request)."
  echo
  cat "$work/load.md"
  if [ -n "$pg_note" ]; then echo "$pg_note"; echo; fi
  if [ -n "$gobench" ]; then
    echo "### Go benchmarks"
    echo
    echo "\`go test -run '^\$' -bench . -benchmem ./backend/...\` (in-process, SQLite):"
    echo
    echo '```text'
    echo "$gobench"
    echo '```'
    echo
  fi
  echo "<!-- make bench load: end -->"
} > "$work/load-section.md"

# splice NAME TITLE FILE: replace the block between NAME's markers, or add
# the section with the block when the document has none.
splice() {
  local name=$1 title=$2 file=$3
  [ -f "$OUT" ] || printf '# Benchmarks\n\nHow fast qualtrack is, measured, and how to measure it again.\n' > "$OUT"
  if grep -q "<!-- make bench $name: begin -->" "$OUT"; then
    awk -v gen="$file" -v begin="<!-- make bench $name: begin -->" -v end="<!-- make bench $name: end -->" '
      $0 == begin { while ((getline line < gen) > 0) print line; skip = 1; next }
      $0 == end { skip = 0; next }
      !skip { print }' "$OUT" > "$OUT.tmp" && mv "$OUT.tmp" "$OUT"
  else
    { printf '\n%s\n\n' "$title"; cat "$file"; } >> "$OUT"
  fi
}
splice seeding "## Seeding" "$work/seeding.md"
splice load "## Server load" "$work/load-section.md"
echo "== figures written to $OUT"
