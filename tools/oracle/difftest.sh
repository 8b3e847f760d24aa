#!/usr/bin/env bash
# Differential test of the C# settle command against the Python oracle. Builds nothing.
#   tools/oracle/difftest.sh [--cli "dotnet /tmp/oracle-cli/allianssi.dll"] [-n 500] [--seed 1] ...
# All options are passed to difftest.py (see its --help). ALLIANSSI_CLI may name the CLI too.
set -euo pipefail
exec python3 "$(dirname "$0")/difftest.py" "$@"
