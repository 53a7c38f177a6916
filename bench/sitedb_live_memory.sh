#!/usr/bin/env bash
# Max resident set (VmHWM) of `ews live --data DIR` on the 255-device reference site whose data
# folder already holds ten years of history (bench/make_ten_year_db.cpp: what the retention
# keeps, ~0.65 M buckets, ~31 MB), polling `ews twin scenarios/reference-255.yaml` on loopback
# for ~60 s (target <= 64 MB). The same run on an empty data folder is measured next to it.
# Twin and live run at SPEED x real time (default 10: the 60 s are 10 simulated minutes, so live
# stores at least one sample - and compacts the ten years - at the 10-minute sample rate).
# Usage: bench/sitedb_live_memory.sh [build dir] [seconds] [speed]
set -euo pipefail
BUILD=${1:-build}
SECONDS_LIVE=${2:-60}
SPEED=${3:-10}
EWS=$BUILD/cli/ews
MAKE_DB=$BUILD/bench/ews_make_ten_year_db
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
TWIN_PID=""
LIVE_PID=""
cleanup() {
  [[ -n $LIVE_PID ]] && kill -INT "$LIVE_PID" 2>/dev/null && wait "$LIVE_PID" 2>/dev/null
  [[ -n $TWIN_PID ]] && kill -INT "$TWIN_PID" 2>/dev/null && wait "$TWIN_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

"$MAKE_DB" "$WORK/ten-years"

"$EWS" twin "$SOURCE/scenarios/reference-255.yaml" --listen 127.0.0.1:0 --speed "$SPEED" --duration 1d >"$WORK/twin.log" 2>&1 &
TWIN_PID=$!
for _ in $(seq 100); do grep -q "^twin running" "$WORK/twin.log" && break; sleep 0.1; done
ARGS=()
while IFS='|' read -r name port; do ARGS+=(--gateway "$name=127.0.0.1:$port"); done < <(
  sed -n "s/^gateway '\(.*\)' units .* on 127\.0\.0\.1:\([0-9]*\)$/\1|\2/p" "$WORK/twin.log")

# live_hwm DATA_DIR [SEED]: runs `ews live --data` for SECONDS_LIVE and prints its VmHWM in kB.
live_hwm() {
  "$EWS" live ${2:+"$2"} --data "$1" "${ARGS[@]}" --speed "$SPEED" --duration "$((SECONDS_LIVE * SPEED))s" --quiet &
  LIVE_PID=$!
  local hwm=0 now
  while kill -0 "$LIVE_PID" 2>/dev/null; do
    now=$(awk '/VmHWM/ {print $2}' "/proc/$LIVE_PID/status" 2>/dev/null || echo 0)
    [[ ${now:-0} -gt $hwm ]] && hwm=$now
    sleep 0.5
  done
  wait "$LIVE_PID"
  LIVE_PID=""
  echo "$hwm"
}

# Sample instants stored after the generated ones (their keys are later than the last of them).
stored_since() {
  sqlite3 "file:$1/ews.db?mode=ro" "SELECT COUNT(DISTINCT key) FROM buckets WHERE resolution = 0 AND key > ${2:-0}"
}
GENERATED_END=$(sqlite3 "file:$WORK/ten-years/ews.db?mode=ro" "SELECT value FROM meta WHERE key = 'last_sample_us'")
TEN=$(live_hwm "$WORK/ten-years")
TEN_SAMPLES=$(stored_since "$WORK/ten-years" "$GENERATED_END")
EMPTY=$(live_hwm "$WORK/empty" "$WORK/ten-years/reference-255-tariffs.yaml")
EMPTY_SAMPLES=$(stored_since "$WORK/empty")
echo "ews live --data on $((${#ARGS[@]} / 2)) gateways, ${SECONDS_LIVE} s at ${SPEED}x:"
echo "  ten-year data folder ($(du -m "$WORK/ten-years/ews.db" | cut -f1) MB): VmHWM $((TEN / 1024)) MB ($TEN kB), $TEN_SAMPLES samples stored; target <= 64 MB"
echo "  empty data folder:             VmHWM $((EMPTY / 1024)) MB ($EMPTY kB), $EMPTY_SAMPLES samples stored"
