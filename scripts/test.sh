#!/usr/bin/env bash
# Runs every test: unit and task tests, then the end-to-end publishes against a real local
# registry and podman. Ends with one line "N passed, N failed" counted from the TRX results.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh || { echo "0 passed, 1 failed"; exit 1; }

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

status=0
for project in tests/SecretGuard.Build.Tests tests/SecretGuard.Build.EndToEnd; do
  name=$(basename "$project")
  echo "== $name"
  dotnet test "$project" -c Release -nodeReuse:false \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

passed=0
failed=0
found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=1
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0}))
done

# A project that did not build or run leaves no results: count it as a failure, never as a pass.
if [ "$found" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
