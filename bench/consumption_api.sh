#!/usr/bin/env bash
# Consumption pages' API latency (docs/web-ui.md, "Consumptions"): `ews serve` on a data folder
# holding ten years of the 255-device reference site's history (bench/make_ten_year_db.cpp, made
# here unless DATA is given), the "user" role logged in, then wrk (2 threads, 8 keep-alive
# connections, DURATION seconds) on each page's route for the latest day, month, year and decade,
# once with one connection (a page asks its answers one after the other) and once with 8 at once.
# Prints requests/s and the p50/p99 latency of each; the target is p99 <= 20 ms.
# Usage: bench/consumption_api.sh [path/to/build] [seconds] [DATA]   (needs wrk, curl, python3)
set -euo pipefail
BUILD=$(realpath "${1:-build}")
DURATION=${2:-5}
DATA=${3:-}
EWS=$BUILD/cli/ews
SOURCE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
SERVE_PID=""
cleanup() {
  [[ -n $SERVE_PID ]] && kill -TERM "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
if [[ -z $DATA ]]; then
  DATA=$WORK/data
  "$BUILD/bench/ews_make_ten_year_db" "$DATA"
fi
# shellcheck source=bench/serve_support.sh
source "$SOURCE/bench/serve_support.sh"
start_serve "$EWS" "$SOURCE/scenarios/reference-255.yaml" "$DATA"
login 11111 "00000 1111 00000"
get() { curl -sf -b "ews_session=$SESSION" "$URL$1"; }
SITE=$(get /api/v1/consumptions/site)
DAY=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["latestDate"])' <<<"$SITE")
DEVICE=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["devices"][0]["key"])' <<<"$SITE")
OTHER=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["devices"][1]["key"])' <<<"$SITE")
MONTH=${DAY:0:7}
YEAR=${DAY:0:4}
echo "ten years up to $DAY on $(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["devices"]))' <<<"$SITE") devices"
printf '%-64s %6s %3s %8s %8s %8s\n' route "bytes" "c" "req/s" "p50 ms" "p99 ms"
for path in \
  /api/v1/consumptions/site \
  "/api/v1/consumptions/grand-total/day/$DAY" "/api/v1/consumptions/grand-total/month/$MONTH" \
  "/api/v1/consumptions/grand-total/year/$YEAR" "/api/v1/consumptions/grand-total/decade/$YEAR" \
  "/api/v1/consumptions/overall/year/$YEAR" "/api/v1/consumptions/partials/groups/year/$YEAR" \
  "/api/v1/consumptions/partials/loads/month/$MONTH" "/api/v1/consumptions/compare/$DEVICE/$OTHER/day/$DAY" \
  "/api/v1/consumptions/details/$DEVICE/year/$YEAR" "/api/v1/consumptions/tariffs/total/electricity/year/$YEAR" \
  "/api/v1/consumptions/tariffs/details/total/month/$MONTH" "/api/v1/consumptions/datalogger/$DEVICE/month/$MONTH"; do
  BYTES=$(get "$path" | wc -c)
  for CONNECTIONS in 1 8; do
  OUT=$(wrk -t"$(( CONNECTIONS > 1 ? 2 : 1 ))" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: ews_session=$SESSION" "$URL$path")
  RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$OUT")
  ms() { awk -v q="$1" '$1 == q {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; printf "%.2f", v}' <<<"$OUT"; }
  NON2XX=$(awk '/Non-2xx/ {print $NF}' <<<"$OUT")
  [[ -z $NON2XX ]] || { echo "consumption_api: $path answered $NON2XX non-2xx" >&2; exit 1; }
  printf '%-64s %6s %3s %8s %8s %8s\n' "${path#/api/v1/consumptions/}" "$BYTES" "$CONNECTIONS" "$RPS" "$(ms 50%)" "$(ms 99%)"
  done
done
