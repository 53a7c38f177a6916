#!/usr/bin/env bash
# Max resident set of `ews live` polling the 255-device reference site served by `ews twin` on
# loopback for ~30 s (target < 64 MB). Usage: bench/live_memory.sh [path/to/ews] [seconds]
set -euo pipefail
EWS=${1:-build/cli/ews}
SECONDS_LIVE=${2:-30}
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
TWIN_PID=""
cleanup() { [[ -n $TWIN_PID ]] && kill -INT "$TWIN_PID" 2>/dev/null && wait "$TWIN_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

"$EWS" twin "$SOURCE/scenarios/reference-255.yaml" --listen 127.0.0.1:0 --speed 1 --duration 1h >"$WORK/twin.log" 2>&1 &
TWIN_PID=$!
for _ in $(seq 100); do grep -q "^twin running" "$WORK/twin.log" && break; sleep 0.1; done
ARGS=()
while IFS='|' read -r name port; do ARGS+=(--gateway "$name=127.0.0.1:$port"); done < <(
  sed -n "s/^gateway '\(.*\)' units .* on 127\.0\.0\.1:\([0-9]*\)$/\1|\2/p" "$WORK/twin.log")
"$EWS" live "$SOURCE/scenarios/reference-255.yaml" "${ARGS[@]}" --duration "${SECONDS_LIVE}s" --out "$WORK/out" -q &
LIVE_PID=$!
HWM=0
while kill -0 "$LIVE_PID" 2>/dev/null; do
  NOW=$(awk '/VmHWM/ {print $2}' "/proc/$LIVE_PID/status" 2>/dev/null || echo 0)
  [[ ${NOW:-0} -gt $HWM ]] && HWM=$NOW
  sleep 0.5
done
wait "$LIVE_PID"
echo "ews live: $((${#ARGS[@]} / 2)) gateways, ${SECONDS_LIVE} s; max resident set (VmHWM) $((HWM / 1024)) MB ($HWM kB); target < 64 MB"
