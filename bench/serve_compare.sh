#!/bin/bash
# serve_compare: two builds of `hearken serve` on the same machine in one run,
# each on a fresh SQLite database with its log going to a file (as under a
# service manager), alternating, ROUNDS times:
#   - GET /healthz over 64 keep-alive connections (wrk -t2 -c64, 10 s);
#   - POST /api/v1/complaints by a handler's API token over 64 connections
#     (wrk -t2 -c64, 10 s), and how many complaints the database then holds;
# then the medians of each and the ratio new / old.
# Usage: bench/serve_compare.sh OLD_BIN NEW_BIN [ROUNDS=2]
# For example an older commit's build against this one:
#   git worktree add --detach /tmp/old 3b0998a && cmake -S /tmp/old -B /tmp/old/build -G Ninja \
#     -DCMAKE_BUILD_TYPE=RelWithDebInfo && cmake --build /tmp/old/build --target hearken
#   bench/serve_compare.sh /tmp/old/build/src/app/hearken build/src/app/hearken
# Needs wrk and python3 (scripts/setup installs both). Run on an idle machine.
set -euo pipefail
OLD=${1:?old hearken binary}; NEW=${2:?new hearken binary}; ROUNDS=${3:-2}
PORT=18520
WORK=$(mktemp -d /tmp/serve-compare.XXXX)
trap 'rm -rf "$WORK"' EXIT

# Starts BIN on a fresh database in DIR; prints its pid.
start() {
  local bin=$1 dir=$2
  export HEARKEN_KEY_DIR=$dir/keys
  "$bin" migrate --db "sqlite:$dir/h.db" >/dev/null
  echo 'a long filing password 1' | "$bin" user add --db "sqlite:$dir/h.db" --email filer@example.org \
    --role handler --name Filer --password-stdin >/dev/null
  "$bin" serve --db "sqlite:$dir/h.db" --listen 127.0.0.1:$PORT >"$dir/serve.log" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done
  echo $pid
}

# One round for BIN: "<healthz req/s> <filings/s> <complaints stored>".
round() {
  local bin=$1 dir
  dir=$(mktemp -d "$WORK/run.XXXX")
  local pid token
  pid=$(start "$bin" "$dir")
  local hz
  hz=$(wrk -t2 -c64 -d10s http://127.0.0.1:$PORT/healthz | awk '/Requests\/sec/ {print $2}')
  token=$(HEARKEN_KEY_DIR=$dir/keys "$bin" token create --db "sqlite:$dir/h.db" --user filer@example.org \
    --name bench 2>/dev/null | grep -oE '[A-Za-z0-9_-]{30,}' | head -1)
  cat >"$dir/filing.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $token"
wrk.body = '{"channel":"phone","summary":"Parcel arrived damaged","description":"The box was crushed and the kettle inside is dented.","contact_email":"carla@example.org","consent_contact":true}'
LUA
  local filed
  wrk -t2 -c64 -d10s -s "$dir/filing.lua" http://127.0.0.1:$PORT/api/v1/complaints >"$dir/filing.out"
  filed=$(awk '/Requests\/sec/ {print $2}' "$dir/filing.out")
  # The slowest filing, for a stall that a rate alone would hide.
  awk '/Latency/ {print "  filing latency: mean " $2 ", max " $4}' "$dir/filing.out" >&2
  kill "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  echo "$hz $filed $(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM complaints").fetchone()[0])' "$dir/h.db")"
  rm -rf "$dir"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

: >"$WORK/old"; : >"$WORK/new"
for r in $(seq "$ROUNDS"); do
  for which in old new; do
    bin=$OLD; [ $which = new ] && bin=$NEW
    line=$(round "$bin")
    echo "round $r $which: healthz $(echo "$line" | cut -d' ' -f1) req/s, filing $(echo "$line" | cut -d' ' -f2)/s ($(echo "$line" | cut -d' ' -f3) stored)"
    echo "$line" >>"$WORK/$which"
  done
done
for i in 1 2; do
  name=$([ $i = 1 ] && echo "healthz req/s" || echo "filings/s")
  o=$(cut -d' ' -f$i "$WORK/old" | median); n=$(cut -d' ' -f$i "$WORK/new" | median)
  awk -v name="$name" -v o="$o" -v n="$n" 'BEGIN {printf "%-14s old %10.0f  new %10.0f  new/old %.2f\n", name, o, n, n / o}'
done
