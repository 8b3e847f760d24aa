#!/usr/bin/env bash
# Measures the server time of the scorecard and settlement pages (p50/p95 over N requests each)
# with the Tesoma reference data in demo mode: starts the web app on a loopback port, signs in
# with the cookie form like a browser, then times N sequential GETs of each page with curl
# (time to the last byte of the server-rendered HTML, loopback). A measurement, not a test.
# Usage: bash bench/page-times.sh [N=200] [port=5187]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
port=${2:-5187}
data=$(mktemp -d)
jar=$(mktemp)
log=$(mktemp)
dotnet build src/Allianssi.Web -c Release -nologo -v quiet >/dev/null
ALLIANSSI_DATA="$data" Allianssi__DemoPassword='Bench-pass-1!' \
  dotnet src/Allianssi.Web/bin/Release/net10.0/Allianssi.Web.dll --urls "http://127.0.0.1:$port" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$data" "$jar" "$log"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs -o /dev/null "$base/account/login" && break; sleep 1; done

token=$(curl -fs -c "$jar" -b "$jar" "$base/account/login" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)
curl -fs -o /dev/null -c "$jar" -b "$jar" -d "__RequestVerificationToken=$token&userName=tampere.viewer&password=Bench-pass-1!&returnUrl=/" "$base/account/login"

measure() {
  local name=$1 path=$2
  for _ in $(seq 1 50); do curl -fs -o /dev/null -b "$jar" "$base$path"; done   # warm-up (JIT tiering)
  for _ in $(seq 1 "$n"); do curl -fs -o /dev/null -b "$jar" -w '%{time_total}\n' "$base$path"; done |
    sort -n | awk -v name="$name" -v path="$path" '{ t[NR] = $1 * 1000 } END {
      p50 = t[int(NR * 0.50 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)];
      printf "%-22s %-32s n=%d  p50=%.1f ms  p95=%.1f ms  max=%.1f ms\n", name, path, NR, p50, p95, t[NR] }'
}
size=$(curl -fs -b "$jar" "$base/scorecard?period=P1" | grep -c 'chronic_care_plan' || true)
[ "$size" -ge 1 ] || { echo "not signed in or no scorecard" >&2; exit 1; }
measure "scorecard P1" "/scorecard?period=P1"
measure "scorecard P2 2023" "/scorecard?period=P2&year=2023"
measure "settlement P1" "/settlement?period=P1"
measure "settlement P2" "/settlement?period=P2"
