#!/usr/bin/env bash
# Load test of the public results page and the scorecard API with wrk on loopback (not a unit test).
# Starts the web app in demo mode on 127.0.0.1 (embedded SQLite in a temporary data folder), runs wrk
# against each URL twice: flat out (closed loop, CONNECTIONS connections) and paced to about RATE
# requests/s (a wrk Lua delay per request), each for DURATION, then stops the app and prints a
# Markdown table (requests/s, p50, p99, errors) for docs/performance.md. Bounded: every step has a
# timeout and the app is killed on exit.
#
#   scripts/loadtest.sh                 # Release build, 60 s per run
#   CONFIG=trust DURATION=20s scripts/loadtest.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CONFIG=${CONFIG:-Release}
DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-32}
RATE=${RATE:-200}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-40}
# Demo mode generates synthetic residents and computes indicators in the background; 0 keeps the
# store still during the runs (each write starts a new public-results cache generation).
DEMO_RESIDENTS=${DEMO_RESIDENTS:-0}
PORT=${PORT:-5199}
PASSWORD='Load-test-1!'
base="http://127.0.0.1:${PORT}"

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; else echo "wrk is missing (apt-get install wrk)" >&2; exit 1; fi
fi

timeout 600 dotnet build src/Allianssi.Web -c "$CONFIG" -nologo -v quiet >/dev/null
dll="src/Allianssi.Web/bin/${CONFIG}/net10.0/Allianssi.Web.dll"
work=$(mktemp -d)
Allianssi__DemoPassword="$PASSWORD" Demo__Residents="$DEMO_RESIDENTS" Allianssi__Data="$work/data" ASPNETCORE_URLS="$base" ASPNETCORE_ENVIRONMENT=Production \
  Logging__LogLevel__Default=Warning timeout 1800 dotnet "$dll" --demo >"$work/app.log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; rm -rf "$work"' EXIT

for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "$base/account/login" 2>/dev/null && break
  sleep 0.5
done
token=$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d "{\"userName\":\"tampere.viewer\",\"password\":\"$PASSWORD\"}" "$base/api/auth/token" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')

# Pace each connection so that all of them together send about RATE requests/s (a little less:
# wrk's delay adds to the response time).
delay_ms=$(( 1000 * PACED_CONNECTIONS / RATE ))
cat >"$work/paced.lua" <<LUA
function delay() return ${delay_ms} end
LUA

run() { # name url mode [header]
  local name=$1 url=$2 mode=$3 header=${4:-}
  local args=(-t2 --latency --timeout 5s -d "$DURATION")
  if [ "$mode" = paced ]; then args+=(-c "$PACED_CONNECTIONS" -s "$work/paced.lua"); else args+=(-c "$CONNECTIONS"); fi
  [ -n "$header" ] && args+=(-H "$header")
  for _ in 1 2 3 4 5; do curl -fsS -o /dev/null ${header:+-H "$header"} "$url"; done
  timeout 300 wrk "${args[@]}" "$url" >"$work/$name-$mode.txt"
  python3 - "$work/$name-$mode.txt" "$name" "$mode" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def latency(p):
    m = re.search(r'^\s*%s%%\s+([\d.]+)(us|ms|s)' % p, text, re.M)
    v, unit = float(m.group(1)), m.group(2)
    return v / 1000 if unit == 'us' else v * 1000 if unit == 's' else v
rps = float(re.search(r'Requests/sec:\s+([\d.]+)', text).group(1))
total = int(re.search(r'(\d+) requests in', text).group(1))
non2xx = int(m.group(1)) if (m := re.search(r'Non-2xx or 3xx responses: (\d+)', text)) else 0
sock = sum(int(x) for x in re.findall(r'(?:connect|read|write|timeout) (\d+)', text)) if 'Socket errors' in text else 0
print(f"| {sys.argv[2]} | {sys.argv[3]} | {total} | {rps:.0f} | {latency(50):.2f} ms | {latency(99):.2f} ms | {non2xx + sock} |")
PY
}

echo "| URL | load | requests | requests/s | p50 | p99 | errors |"
echo "|---|---|---:|---:|---:|---:|---:|"
run public-page "$base/public" flat
run public-page "$base/public" paced
run public-api "$base/api/public/tesoma" flat
run scorecard-api "$base/api/alliances/tesoma/periods/P2/scorecard?year=2023" flat "Authorization: Bearer $token"
run scorecard-api "$base/api/alliances/tesoma/periods/P2/scorecard?year=2023" paced "Authorization: Bearer $token"
