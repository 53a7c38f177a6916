#!/usr/bin/env bash
# The live pages' API answers (docs/pages.md, "Speed"): `ews serve scenarios/site-255.yaml` (255
# devices, 35 stations under the DLM) in wall-clock time, its events table first filled with
# EVENTS events (a year of a busy site's alarms), a greenUp user logged in (every page). Then,
# for each route a page reads, wrk with CONNECTIONS keep-alive connections for DURATION seconds:
# requests/s and p99 (target <= 20 ms). Then COMMANDS panel commands posted one after the other
# (each waits for the device's acknowledgement through the poller): their p50/p99.
# Usage: bench/live_pages_api.sh [path/to/ews] [seconds]   (needs wrk, curl, sqlite3, python3)
set -euo pipefail
EWS=$(realpath "${1:-build/cli/ews}")
DURATION=${2:-10}
CONNECTIONS=${CONNECTIONS:-8}
EVENTS=${EVENTS:-100000}
COMMANDS=${COMMANDS:-50}
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVE_PID=""
cleanup() {
  [[ -n $SERVE_PID ]] && kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# shellcheck source=bench/serve_support.sh
source "$SOURCE/bench/serve_support.sh"
serve() { start_serve "$EWS" "$SOURCE/scenarios/site-255.yaml" "$WORK/data"; }

# A first start creates the data folder; the events go in while the site is stopped.
serve
kill -TERM "$SERVE_PID"; wait "$SERVE_PID" || true; SERVE_PID=""
python3 - "$WORK/data/ews.db" "$EVENTS" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
count = int(sys.argv[2])
kinds = ["status", "dlm", "dlm-command", "counter-reset", "security"]
start = 1_735_689_600_000_000  # 2025-01-01, a year before the scenario
step = 365 * 86400 * 1_000_000 // count
db.executemany("INSERT INTO events(at_us, device, kind, detail, author) VALUES(?, ?, ?, ?, '')",
               ((start + i * step, i % 256, kinds[i % len(kinds)], f"bench event {i}") for i in range(count)))
db.commit()
PY
serve

curl -s -c "$WORK/cookies" -H 'Content-Type: application/json' -d '{"pin":"88888","puk":"00000 8888 00000"}' \
  "$URL/api/v1/session/login" >"$WORK/login.json"
SESSION=$(awk '$6 == "ews_session" {print $7}' "$WORK/cookies")
CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrfToken"])' "$WORK/login.json")
[[ -n $SESSION ]] || { echo "live_pages_api: login failed" >&2; exit 1; }
# Until the first snapshot shows the stations polled.
for _ in $(seq 60); do
  curl -s -H "Cookie: ews_session=$SESSION" "$URL/api/v1/green-up" | grep -q '"state":"' && break
  sleep 1
done

load() {  # route; prints "requests/s p99_ms bytes"
  local bytes
  bytes=$(curl -s -H "Cookie: ews_session=$SESSION" "$URL$1" | wc -c)
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: ews_session=$SESSION" "$URL$1" | awk -v bytes="$bytes" '
    /Requests\/sec/ {rps = $2}
    /Non-2xx/ {bad = $NF}
    /^ +99%/ {v = $2; if (v ~ /us$/) {sub(/us$/, "", v); v /= 1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v *= 1000}; p99 = v}
    END {if (bad > 0) {print "live_pages_api: " bad " answers were not 2xx" > "/dev/stderr"; exit 1}; printf "%s %s %s\n", rps, p99, bytes}'
}
echo "ews serve scenarios/site-255.yaml (speed 1), $EVENTS stored events; wrk $CONNECTIONS connections, ${DURATION} s per route"
for route in "/api/v1/site/live" "/api/v1/site/live/devices/1" "/api/v1/green-up" \
             "/api/v1/alarms?page=1&pageSize=50" "/api/v1/alarms?page=1000&pageSize=50" \
             "/api/v1/alarms?page=1&pageSize=50&kind=status&device=7"; do
  read -r rps p99 bytes < <(load "$route")
  echo "$route ($bytes bytes): $rps requests/s, p99 $p99 ms (target <= 20)"
done

# Panel commands: a power supervision output toggled, each POST answered after the device's ack.
DEVICE=$(curl -s -H "Cookie: ews_session=$SESSION" "$URL/api/v1/site/live" | python3 -c '
import json, sys
devices = json.load(sys.stdin)["devices"]
print(next(d["id"] for d in devices if "output.1.state" in d["commands"]))')
EWS_URL=$URL EWS_SESSION=$SESSION EWS_CSRF=$CSRF python3 - "$DEVICE" "$COMMANDS" <<'PY'
import json, os, statistics, sys, time, urllib.request
device, count = int(sys.argv[1]), int(sys.argv[2])
took = []
for i in range(count):
    body = json.dumps({"writes": [{"quantity": "output.1.state", "value": i % 2}]}).encode()
    request = urllib.request.Request(f"{os.environ['EWS_URL']}/api/v1/site/live/devices/{device}/commands", data=body,
                                     method="POST", headers={"Cookie": "ews_session=" + os.environ["EWS_SESSION"],
                                                             "X-CSRF-Token": os.environ["EWS_CSRF"],
                                                             "Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=15) as answer:
        assert answer.status == 200, answer.status
    took.append((time.perf_counter() - start) * 1000)
took.sort()
print(f"POST /api/v1/site/live/devices/{device}/commands x{count}: p50 {statistics.median(took):.1f} ms, "
      f"p99 {took[max(0, int(len(took) * 0.99) - 1)]:.1f} ms, max {took[-1]:.1f} ms (the write waits for the transaction in flight on its RS485 line)")
PY
