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

# shellcheck source=bench/serve_support.sh
source "$SOURCE/bench/serve_support.sh"
start_serve "$EWS" "$SOURCE/scenarios/reference-255.yaml" "$WORK/data"
# The installer may open My panel board (docs/users.md).
login 55555 "00000 5555 00000"
# A full cycle of the 255 devices takes ~16 s of line time: wait until the sampled ones were read.
valueAge() {  # median over every 8th device of (snapshot instant - its newest value), seconds, and how many had values
  EWS_URL=$URL EWS_SESSION=$SESSION python3 -c '
import json, os, statistics, urllib.request
from datetime import datetime
def get(path):
    request = urllib.request.Request(os.environ["EWS_URL"] + path, headers={"Cookie": "ews_session=" + os.environ["EWS_SESSION"]})
    return json.load(urllib.request.urlopen(request, timeout=10))
t = lambda x: datetime.strptime(x[:26], "%Y-%m-%dT%H:%M:%S.%f").timestamp()
ids = [d["id"] for d in get("/api/v1/site/live")["devices"]][::8]
ages = []
for i in ids:
    d = get(f"/api/v1/site/live/devices/{i}")
    if d["values"]:
        ages.append(t(d["at"]) - max(t(v["at"]) for v in d["values"].values()))
print(f"{statistics.median(ages):.2f} {len(ages)}" if ages else "nan 0")'
}
for _ in $(seq 60); do
  read -r AGE READ < <(valueAge)
  [[ $READ -ge 32 ]] && break  # every sampled device (255 / 8) has been read
  sleep 1
done
AGES_BEFORE=""
for _ in 1 2 3; do AGES_BEFORE+="$(valueAge | cut -d' ' -f1) "; sleep 1; done

# Static copies of the two routes' answers, for nginx; its workers run as another user.
chmod 755 "$WORK"
mkdir -p "$WORK/static"
curl -s -H "Cookie: ews_session=$SESSION" "$URL/api/v1/site/live" >"$WORK/static/overview.json"
curl -s -H "Cookie: ews_session=$SESSION" "$URL/api/v1/site/live/devices/1" >"$WORK/static/device.json"
chmod -R a+rX "$WORK/static"
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
    /Non-2xx/ {bad = $NF}
    /^ +99%/ {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; p99 = v}
    END {if (bad > 0) {print "web_load: " bad " answers were not 2xx" > "/dev/stderr"; exit 1}; printf "%s %s\n", rps, p99}'
}
# Interleaved, REPEAT times: ews and nginx see the same machine state; medians are reported.
REPEAT=${REPEAT:-3}
median() { python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
( sleep $((DURATION / 2)); valueAge | cut -d' ' -f1 >"$WORK/age-under-load" ) &
AGE_PID=$!
declare -A RESULTS
for rep in $(seq "$REPEAT"); do
  for name in overview device; do
    route=$([[ $name == overview ]] && echo "/api/v1/site/live" || echo "/api/v1/site/live/devices/1")
    read -r rps p99 < <(load "$URL$route" -H "Cookie: ews_session=$SESSION")
    RESULTS[ews-$name-rps]+="$rps "; RESULTS[ews-$name-p99]+="$p99 "
    read -r rps p99 < <(load "http://127.0.0.1:$NGINX_PORT/$name.json")
    RESULTS[nginx-$name-rps]+="$rps "; RESULTS[nginx-$name-p99]+="$p99 "
  done
done
wait "$AGE_PID"
AGE_UNDER_LOAD=$(cat "$WORK/age-under-load")
echo "64 connections, ${DURATION} s per run, $REPEAT interleaved runs (medians); ews serve polling the 255-device reference site (speed 1)"
for name in overview device; do
  route=$([[ $name == overview ]] && echo "/api/v1/site/live" || echo "/api/v1/site/live/devices/1")
  ews_rps=$(median ${RESULTS[ews-$name-rps]}); ews_p99=$(median ${RESULTS[ews-$name-p99]})
  nginx_rps=$(median ${RESULTS[nginx-$name-rps]}); nginx_p99=$(median ${RESULTS[nginx-$name-p99]})
  ratio=$(python3 -c "print(f'{$ews_rps / $nginx_rps:.2f}')")
  echo "$route ($(stat -c %s "$WORK/static/$name.json") bytes): ews $ews_rps requests/s, p99 $ews_p99 ms (target <= 10); nginx static $nginx_rps requests/s, p99 $nginx_p99 ms; ratio $ratio (target >= 0.5)"
  echo "  runs: ews rps ${RESULTS[ews-$name-rps]}p99 ${RESULTS[ews-$name-p99]}; nginx rps ${RESULTS[nginx-$name-rps]}p99 ${RESULTS[nginx-$name-p99]}"
done
echo "median age of the polled values (s): before load $AGES_BEFORE; under load $AGE_UNDER_LOAD"
