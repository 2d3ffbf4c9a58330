#!/usr/bin/env bash
# Validates a SARIF file the two ways GitHub code scanning cares about: against the official SARIF
# 2.1.0 JSON schema (python3-jsonschema), and with Microsoft's SARIF Multitool rules, including its
# GitHub ingestion rules (--rule-kind "Sarif;Gh"). Prints every problem; exits 1 on any error.
# The schema and the Multitool come from the npm package @microsoft/sarif-multitool-linux, fetched
# by scripts/ensure-tools.sh into artifacts/tools/sarif-multitool. Usage: validate-sarif.sh FILE
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tool="$root/artifacts/tools/sarif-multitool/package"
file=$(realpath "$1")
[ -x "$tool/Sarif.Multitool" ] || { echo "SARIF Multitool missing: run scripts/ensure-tools.sh" >&2; exit 2; }

status=0
python3 - "$tool/sarif-2.1.0.json" "$file" <<'PY' || status=1
import json, sys
from jsonschema import Draft7Validator
schema = json.load(open(sys.argv[1], encoding="utf-8-sig"))
log = json.load(open(sys.argv[2], encoding="utf-8"))
errors = sorted(Draft7Validator(schema).iter_errors(log), key=lambda e: list(e.path))
for e in errors:
    print(f"schema error at {'/'.join(str(p) for p in e.path) or '(root)'}: {e.message}")
print(f"schema: {len(errors)} error(s)")
sys.exit(1 if errors else 0)
PY

out=$(mktemp --suffix=.sarif)
trap 'rm -f "$out"' EXIT
"$tool/Sarif.Multitool" validate "$file" -o "$out" --log ForceOverwrite --rule-kind "Sarif;Gh" > "$out.txt" 2>&1 || status=1
grep -E ": (error|warning) " "$out.txt" || true
python3 - "$out" <<'PY' || status=1
import json, sys
run = json.load(open(sys.argv[1], encoding="utf-8-sig"))["runs"][0]
errors = [r for r in run.get("results", []) if r.get("level", "warning") == "error"]
notes = [n for i in run.get("invocations", []) for n in i.get("toolExecutionNotifications", []) if n.get("level") == "error"]
print(f"multitool: {len(errors)} error(s), {len(run.get('results', []))} result(s), {len(notes)} tool error(s)")
sys.exit(1 if errors or notes else 0)
PY
rm -f "$out.txt"
exit $status
