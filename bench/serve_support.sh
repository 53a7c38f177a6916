# Sourced by the web benchmarks (bench/web_load.sh, bench/consumption_api.sh): `ews serve` started
# in the background on loopback plain HTTP, its URL read from its log, and a login's session.
# The caller sets WORK (a scratch folder) and stops SERVE_PID in its own exit trap.

# start_serve EWS SCENARIO DATA: sets SERVE_PID and URL; exits when no URL shows within 60 s.
start_serve() {
  "$1" serve "$2" --data "$3" --speed 1 --listen 127.0.0.1:0 --plain-http >"$WORK/serve.log" 2>&1 &
  SERVE_PID=$!
  URL=""
  for _ in $(seq 600); do
    URL=$(sed -n 's/.*pages on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$WORK/serve.log")
    [[ -n $URL ]] && break
    sleep 0.1
  done
  [[ -n $URL ]] || { cat "$WORK/serve.log"; echo "$(basename "$0"): ews serve did not start" >&2; exit 1; }
}

# login PIN PUK: sets SESSION (a new browser gives the PUK too); exits when the login fails.
login() {
  curl -s -c "$WORK/cookies" -H 'Content-Type: application/json' -d "{\"pin\":\"$1\",\"puk\":\"$2\"}" \
    "$URL/api/v1/session/login" >/dev/null
  SESSION=$(awk '$6 == "ews_session" {print $7}' "$WORK/cookies")
  [[ -n $SESSION ]] || { echo "$(basename "$0"): login failed" >&2; exit 1; }
}
