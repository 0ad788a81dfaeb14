#!/bin/bash
# survey_intake: issue 8's intake benchmark. Answers to a 5-question survey
# (NPS, CSAT, CES, a choice, a comment) posted to the public link of a real
# `hearken serve` over 64 keep-alive connections (wrk -t2 -c64) for DURATION
# seconds, on SQLite (synchronous=FULL) and on PostgreSQL
# (synchronous_commit=on, fsync on); then, in the same run, plain
# single-row durable inserts into each database without Hearken: the
# sqlite3 shell committing one row per transaction, and pgbench with 64
# clients each committing one row per transaction. Prints answers/s, p99
# latency, errors and answers stored for each, the rate of the plain
# inserts, and the ratios.
# Usage: bench/survey_intake.sh [HEARKEN_BIN=build/src/app/hearken] [DURATION=60]
# Needs wrk, sqlite3, python3 and postgresql-15 (scripts/setup installs them).
# Run on an idle machine: the load generator shares the two cores.
set -euo pipefail
BIN=$(realpath "${1:-build/src/app/hearken}"); DURATION=${2:-60}
PORT=18540; PGPORT=18541
WORK=$(mktemp -d /tmp/survey-intake.XXXX); chmod 755 "$WORK"
PGBIN=$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
[ -x "$PGBIN/initdb" ] || PGBIN=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
cleanup() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
  [ -d "$WORK/pg/data" ] && as_pg "$PGBIN/pg_ctl -D $WORK/pg/data -m fast -w stop" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

DEFINITION='{"pages":[{"name":"p1","elements":[
 {"type":"rating","name":"nps","title":"How likely are you to recommend us?","rateMin":0,"rateMax":10,"isRequired":true},
 {"type":"rating","name":"csat","title":"How satisfied are you?","rateMin":1,"rateMax":5},
 {"type":"rating","name":"effort","title":"How easy was it?","rateMin":1,"rateMax":7},
 {"type":"radiogroup","name":"channel","title":"How did you contact us?","choices":["phone","email","shop"]},
 {"type":"comment","name":"why","title":"Why?"}]}]}'
ANSWER='{"version":1,"language":"","answers":{"nps":9,"csat":4,"effort":2,"channel":"phone","why":"Quick and friendly help on the phone."}}'

# Starts hearken on DB, makes the open survey, runs wrk; prints
# "<answers/s> <p99 ms> <errors> <answers stored>".
hearken_round() {
  local db=$1 dir=$2
  export HEARKEN_KEY_DIR=$dir/keys
  "$BIN" migrate --db "$db" >/dev/null
  echo 'a long benchmark password 1' | "$BIN" user add --db "$db" --email qm@example.org --role admin \
    --name QM --password-stdin >/dev/null
  local token
  token=$("$BIN" token create --db "$db" --user qm@example.org --name bench 2>/dev/null | grep -oE '[A-Za-z0-9_-]{30,}' | head -1)
  "$BIN" serve --db "$db" --listen 127.0.0.1:$PORT --public-survey-answers-per-hour 0 >"$dir/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 200); do curl -sf http://127.0.0.1:$PORT/readyz >/dev/null && break; sleep 0.05; done
  local slug
  slug=$(python3 - "$PORT" "$token" "$DEFINITION" <<'PY'
import json, sys, urllib.request
port, token, definition = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
body = {"name": "Intake benchmark", "status": "open", "definition": definition,
        "metric_map": {"nps": "nps", "csat": "csat", "ces": "effort"}}
req = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/surveys", data=json.dumps(body).encode(),
                             headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req))["public_slug"])
PY
)
  cat >"$dir/answer.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$ANSWER'
LUA
  wrk -t2 -c64 -d"${DURATION}s" --latency -s "$dir/answer.lua" \
    "http://127.0.0.1:$PORT/api/v1/public/surveys/$slug/answers" >"$dir/wrk.out"
  local rate p99 errors
  rate=$(awk '/Requests\/sec/ {print $2}' "$dir/wrk.out")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}' "$dir/wrk.out")
  errors=$(awk '/Non-2xx/ {n+=$NF} /Socket errors/ {gsub(",",""); n+=$4+$6+$8+$10} END {print n+0}' "$dir/wrk.out")
  sleep 0.5
  local stored
  stored=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT/api/v1/surveys?limit=1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["answer_count"])')
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
  echo "$rate $p99 $errors $stored"
}

# Plain single-row durable commits with the sqlite3 shell: rows/s.
sqlite_plain() {
  local db=$WORK/plain.db n=20000
  sqlite3 "$db" 'PRAGMA journal_mode=WAL;' 'CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT);' >/dev/null
  { echo 'PRAGMA synchronous=FULL;'; for i in $(seq $n); do echo "INSERT INTO t (a, b) VALUES ($i, 'Quick and friendly help on the phone.');"; done; } >"$WORK/plain.sql"
  local start end
  start=$(date +%s.%N); sqlite3 "$db" <"$WORK/plain.sql"; end=$(date +%s.%N)
  python3 -c "print(round($n / ($end - $start)))"
}

# PostgreSQL with its defaults (fsync, synchronous_commit on), as the postgres user.
start_postgres() {
  mkdir -p "$WORK/pg"; chown postgres "$WORK/pg" 2>/dev/null || true
  as_pg "$PGBIN/initdb -D $WORK/pg/data -U postgres --auth=trust --encoding=UTF8 --locale=C -N" >/dev/null
  as_pg "$PGBIN/pg_ctl -D $WORK/pg/data -l $WORK/pg/log -w -o '-c listen_addresses=127.0.0.1 -p $PGPORT -k $WORK/pg -c max_connections=200' start" >/dev/null
  as_pg "$PGBIN/createdb -h 127.0.0.1 -p $PGPORT -U postgres hearken"
  as_pg "$PGBIN/createdb -h 127.0.0.1 -p $PGPORT -U postgres plain"
}

# pgbench, 64 clients, one single-row INSERT per transaction: rows/s.
pgbench_plain() {
  as_pg "$PGBIN/psql -q -h 127.0.0.1 -p $PGPORT -U postgres plain -c 'CREATE TABLE t (id bigserial PRIMARY KEY, a int, b text)'"
  echo "INSERT INTO t (a, b) VALUES (1, 'Quick and friendly help on the phone.');" >"$WORK/pg/insert.sql"
  chmod 644 "$WORK/pg/insert.sql"
  as_pg "$PGBIN/pgbench -n -h 127.0.0.1 -p $PGPORT -U postgres -c 64 -j 2 -T 20 -f $WORK/pg/insert.sql plain" |
    awk '/^tps/ {print int($3)}'
}

mkdir -p "$WORK/s" "$WORK/p"
read -r s_rate s_p99 s_err s_stored < <(hearken_round "sqlite:$WORK/s/h.db" "$WORK/s")
start_postgres
read -r p_rate p_p99 p_err p_stored < <(hearken_round "postgresql://postgres@127.0.0.1:$PGPORT/hearken" "$WORK/p")
s_plain=$(sqlite_plain)
p_plain=$(pgbench_plain)

printf '\nSurvey answers over 64 keep-alive connections for %s s (wrk -t2 -c64):\n' "$DURATION"
printf '  %-10s %10s answers/s  p99 %7s ms  errors %s  stored %s\n' SQLite "$s_rate" "$s_p99" "$s_err" "$s_stored"
printf '  %-10s %10s answers/s  p99 %7s ms  errors %s  stored %s\n' PostgreSQL "$p_rate" "$p_p99" "$p_err" "$p_stored"
printf 'Plain single-row durable commits, same machine, same run:\n'
printf '  %-10s %10s rows/s (sqlite3 shell, one row per transaction)\n' SQLite "$s_plain"
printf '  %-10s %10s rows/s (pgbench -c64, one row per transaction)\n' PostgreSQL "$p_plain"
python3 - "$s_rate" "$p_rate" "$s_plain" "$p_plain" <<'PY'
import sys
s, p, sp, pp = map(float, sys.argv[1:])
print(f"Ratios: Hearken SQLite / sqlite3 single-row = {s / sp:.2f}x; Hearken PostgreSQL / pgbench single-row = {p / pp:.2f}x; "
      f"Hearken PostgreSQL / Hearken SQLite = {p / s:.2f}")
PY
