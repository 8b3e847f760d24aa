#!/usr/bin/env bash
# Generates the synthetic data set and imports every dataset through the CLI, timing each step and
# printing the counts of every batch. Usage:
#   scripts/generate-import.sh [RESIDENTS] [WORKDIR]     (default: the generator's default N, a temp dir)
# ALLIANSSI_CLI may name the built CLI (e.g. src/Allianssi.Cli/bin/Release/net10.0/allianssi.dll);
# otherwise the Release build is made and used. Writes WORKDIR/import-summary.tsv.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
residents="${1:-}"
work="${2:-$(mktemp -d -t allianssi-genimp-XXXXXX)}"
cli="${ALLIANSSI_CLI:-}"
if [[ -z "$cli" ]]; then
  dotnet build "$root/src/Allianssi.Cli/Allianssi.Cli.csproj" -c Release -nologo -v quiet >/dev/null
  cli="$root/src/Allianssi.Cli/bin/Release/net10.0/allianssi.dll"
fi
run() { dotnet "$cli" "$@"; }
mkdir -p "$work/csv" "$work/data"
echo "work directory: $work"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"

start=$(date +%s.%N)
if [[ -n "$residents" ]]; then
  run generate --residents "$residents" --seed 1 --out "$work/csv" | tee "$work/generate.txt"
else
  run generate --seed 1 --out "$work/csv" | tee "$work/generate.txt"
fi
generated=$(date +%s.%N)
echo "generate: $(echo "$generated - $start" | bc) s"

summary="$work/import-summary.tsv"
printf 'dataset\tseconds\tbatch\toutcome\trowsRead\taccepted\trejected\tduplicates\tconflicts\tdiagnostics\tMB\n' > "$summary"
status=0
for dataset in units persons listings diagnoses lab_results care_plans visits service_periods assessments calendars slots survey_responses reported_values ledger population; do
  file="$work/csv/$dataset.csv"
  t0=$(date +%s.%N)
  set +e
  run --data "$work/data" import "$dataset" "$file" --demo --json > "$work/$dataset.json" 2> "$work/$dataset.err"
  code=$?
  set -e
  t1=$(date +%s.%N)
  if [[ $code -ne 0 ]]; then
    echo "import $dataset: exit $code ($(head -c 300 "$work/$dataset.err"))" >&2
    status=1
    continue
  fi
  mb=$(echo "scale=1; $(stat -c %s "$file") / 1048576" | bc)
  jq -r --arg d "$dataset" --arg s "$(echo "$t1 - $t0" | bc)" --arg mb "$mb" \
    '[$d, $s, .batch, .outcome, .rowsRead, .accepted, .rejected, .duplicates, .conflicts, (.diagnostics | length), $mb] | @tsv' \
    "$work/$dataset.json" >> "$summary"
done
finished=$(date +%s.%N)
column -t -s $'\t' "$summary"
echo "import of all datasets: $(echo "$finished - $generated" | bc) s; total $(echo "$finished - $start" | bc) s"
# Every row read is accepted or rejected, and nothing may be rejected in generated data.
jq -s -e 'all(.[]; .rowsRead == .accepted + .rejected)' "$work"/*.json >/dev/null || { echo "rowsRead != accepted + rejected" >&2; status=1; }
exit $status
