#!/usr/bin/env bash
# Web server load (docs/web-server.md, "Benchmark"): `ews serve` polling the 255-device reference
# site in wall-clock time; 64 concurrent keep-alive connections (wrk) on GET /api/v1/site/live (a
# snapshot read) for DURATION seconds, against nginx serving a static file of the same size on
# the same machine in the same run. Prints requests/s and p99 of both, their ratio, and the age
# of the polled values before and under load (the polling cadence must not change).
# Usage: bench/web_load.sh [path/to/ews] [seconds]   (needs wrk, nginx, curl, python3)
set -euo pipefail
EWS=$(realpath "${1:-build/cli/ews}")
DURATION=${2:-10}
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVE_PID=""
NGINX_PID=""
cleanup() {
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
  [[ -n $SERVE_PID ]] && kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
freePort() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

"$EWS" serve "$SOURCE/scenarios/reference-255.yaml" --data "$WORK/data" --speed 1 --listen 127.0.0.1:0 --plain-http \
  >"$WORK/serve.log" 2>&1 &
SERVE_PID=$!
URL=""
for _ in $(seq 300); do
  URL=$(sed -n 's/.*pages on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$WORK/serve.log")
  [[ -n $URL ]] && break
  sleep 0.1
done
[[ -n $URL ]] || { cat "$WORK/serve.log"; echo "web_load: ews serve did not start" >&2; exit 1; }
# The installer may open My panel board (docs/users.md); a new browser gives the PUK too.
curl -s -c "$WORK/cookies" -H 'Content-Type: application/json' -d '{"pin":"55555","puk":"00000 5555 00000"}' \
  "$URL/api/v1/session/login" >/dev/null
SESSION=$(awk '$6 == "ews_session" {print $7}' "$WORK/cookies")
[[ -n $SESSION ]] || { echo "web_load: login failed" >&2; exit 1; }
# A full cycle of the 255 devices takes ~16 s of line time: wait until every device was read.
valueAge() {  # median over devices of (snapshot instant - newest value), seconds
  curl -s -H "Cookie: ews_session=$SESSION" "$URL/api/v1/site/live" | python3 -c '
import json, sys, statistics
from datetime import datetime
s = json.load(sys.stdin)
t = lambda x: datetime.strptime(x[:26], "%Y-%m-%dT%H:%M:%S.%f").timestamp()
ages = [t(s["at"]) - max(t(v["at"]) for v in d["values"].values()) for d in s["devices"] if d["values"]]
print(f"{statistics.median(ages):.2f} {len(ages)}")'
}
for _ in $(seq 60); do
  read -r AGE READ < <(valueAge)
  [[ $READ -ge 255 ]] && break
  sleep 1
done
AGES_BEFORE=""
for _ in 1 2 3; do AGES_BEFORE+="$(valueAge | cut -d' ' -f1) "; sleep 1; done

mkdir -p "$WORK/static"
curl -s -H "Cookie: ews_session=$SESSION" "$URL/api/v1/site/live" >"$WORK/static/snapshot.json"
BYTES=$(stat -c %s "$WORK/static/snapshot.json")
NGINX_PORT=$(freePort)
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type application/json;
  keepalive_requests 100000;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/static; }
}
CONF
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
sleep 0.5

load() {  # URL, then extra wrk args; prints "requests/s p99_ms"
  local target=$1
  shift
  wrk -t2 -c64 -d"${DURATION}s" --latency "$@" "$target" | awk '
    /Requests\/sec/ {rps = $2}
    /^ +99%/ {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; p99 = v}
    END {printf "%s %s\n", rps, p99}'
}
read -r NGINX_RPS NGINX_P99 < <(load "http://127.0.0.1:$NGINX_PORT/snapshot.json")
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""
# The ages under load, sampled while wrk runs.
( sleep $((DURATION / 2)); valueAge | cut -d' ' -f1 >"$WORK/age-under-load" ) &
read -r EWS_RPS EWS_P99 < <(load "$URL/api/v1/site/live" -H "Cookie: ews_session=$SESSION")
wait
AGE_UNDER_LOAD=$(cat "$WORK/age-under-load")
RATIO=$(python3 -c "print(f'{float(\"$EWS_RPS\") / float(\"$NGINX_RPS\"):.2f}')")
echo "snapshot of the 255-device site: $BYTES bytes; 64 connections, ${DURATION} s each"
echo "nginx static file : $NGINX_RPS requests/s, p99 $NGINX_P99 ms"
echo "ews /api/v1/site/live: $EWS_RPS requests/s, p99 $EWS_P99 ms (target <= 10 ms)"
echo "throughput ratio ews/nginx: $RATIO (target >= 0.5)"
echo "median age of the polled values (s): before load $AGES_BEFORE; under load $AGE_UNDER_LOAD"
