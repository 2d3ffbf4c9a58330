#!/usr/bin/env bash
# Recall and blocks on the judged detection corpus (tests/SecretGuard.Build.Tests/Detection/Corpus):
# builds the tests, runs DetectionCorpusTests, and prints the figures with every miss and block, the date
# and the commit, as docs/performance.md's "Detection" section records them.
# Usage: bash scripts/detection-figures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
report=$(mktemp)
trap 'rm -f "$report"' EXIT
dotnet build -c Release tests/SecretGuard.Build.Tests -nodeReuse:false -tl:off -v:q > /dev/null
status=0
SG_DETECTION_REPORT="$report" dotnet test tests/SecretGuard.Build.Tests -c Release --no-build \
  --filter "FullyQualifiedName~DetectionCorpusTests.Recall" > /dev/null || status=$?
echo "$(date -u +%Y-%m-%d), $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src tests || echo ' (with local changes)')"
cat "$report"
exit "$status"
