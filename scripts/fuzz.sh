#!/usr/bin/env bash
# Coverage-guided fuzzing of one reader with SharpFuzz and afl++ (see docs/fuzzing.md).
#   scripts/fuzz.sh list                 the targets and their contracts
#   scripts/fuzz.sh TARGET SECONDS       fuzz TARGET for SECONDS, then print executions, crashes, hangs
#   scripts/fuzz.sh repro TARGET FILE... run inputs once through TARGET (no afl) and say what happened
#   scripts/fuzz.sh triage TARGET        group the inputs kept from TARGET's runs by exception and frame
# Installs what it needs: afl++ from apt, the SharpFuzz tool into artifacts/fuzz/tools.
# Each target has its own folders, so several can run at once (FUZZ_NO_BUILD=1 for all but the first);
# they share the cores, so each runs fewer executions than alone.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=artifacts/fuzz
project=fuzz/SecretGuard.Build.Fuzz
bin="$work/bin"            # plain build: list, seeds, repro
instrumented="$work/bin-afl" # the same with the readers instrumented: only ever run under afl-fuzz
regressions=tests/SecretGuard.Build.Tests/Fuzzing/Regressions

usage() {
  echo "usage: scripts/fuzz.sh list | TARGET SECONDS | repro TARGET FILE... | triage TARGET" >&2
  exit 2
}

build() {
  # FUZZ_NO_BUILD=1 reuses the last build (several campaigns in a row, or a build in use elsewhere).
  if [ "${FUZZ_NO_BUILD:-0}" = 1 ] && [ -f "$bin/SecretGuard.Build.Fuzz.dll" ] && [ -f "$instrumented/.instrumented" ]; then
    return
  fi
  # Built under artifacts/fuzz/build, apart from the projects' own bin/obj, so a test build can run meanwhile.
  dotnet build "$project" -c Release -nodeReuse:false --artifacts-path "$work/build" -v quiet -clp:ErrorsOnly -clp:NoSummary >&2
  local output="$work/build/bin/SecretGuard.Build.Fuzz/release"
  rm -rf "$bin" "$instrumented"
  mkdir -p "$bin" "$instrumented"
  cp -r "$output/." "$bin/"
  cp -r "$output/." "$instrumented/"
}

driver() { dotnet "$bin/SecretGuard.Build.Fuzz.dll" "$@"; }

[ $# -ge 1 ] || usage
case "$1" in
  list)
    build
    driver list
    exit 0
    ;;
  triage)
    # Groups the kept inputs of a target (artifacts/fuzz/findings/TARGET) by what they do now: the
    # exception and the first frame of SecretGuard's code, or "ok" when they no longer crash.
    [ $# -eq 2 ] || usage
    build
    for file in "$work/findings/$2"/*; do
      [ -f "$file" ] || continue
      verdict=$(timeout 60 dotnet "$bin/SecretGuard.Build.Fuzz.dll" repro "$2" "$file" 2>&1 | head -n 200 |
        awk '/: ok \(/ {print "ok"; exit}
             /CRASH after/ {sub(/.*CRASH after [0-9]+ ms: /, ""); sub(/:.*/, ""); kind=$0}
             /^Stack overflow/ {kind="StackOverflow"}
             /at SecretGuard\./ && kind != "" && !/Fuzzing/ {sub(/^ *at /, ""); sub(/\(.*/, ""); print kind " at " $0; exit}' || true)
      echo "${verdict:-HANG or unknown}	$(basename "$file")"
    done | sort | awk -F'\t' '{count[$1]++; example[$1]=$2} END {for (k in count) printf "%4d  %s  (e.g. %s)\n", count[k], k, example[k]}' | sort -rn
    exit 0
    ;;
  repro)
    [ $# -ge 3 ] || usage
    build
    target=$2
    shift 2
    # One process per input, its output cut short: a stack overflow prints the whole stack, and kills
    # the process, so the inputs after it still get their run. An input running past 60 s is a hang.
    status=0
    for file in "$@"; do
      timeout 60 dotnet "$bin/SecretGuard.Build.Fuzz.dll" repro "$target" "$file" 2>&1 | head -n 24
      code=${PIPESTATUS[0]}
      [ "$code" -eq 124 ] && echo "$file: HANG (still running after 60 s)"
      [ "$code" -ne 0 ] && status=1
    done
    exit $status
    ;;
esac

[ $# -eq 2 ] || usage
target=$1
seconds=$2
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

if ! command -v afl-fuzz >/dev/null; then
  echo "== installing afl++" >&2
  apt-get update -qq >&2
  apt-get install -y -qq afl++ >&2
fi

sharpfuzz="$work/tools/sharpfuzz"
if [ ! -x "$sharpfuzz" ]; then
  echo "== installing the SharpFuzz tool" >&2
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$work/tools" >&2
fi

echo "== building and instrumenting" >&2
build
driver list | awk '{print $1}' | grep -qx "$target" || { echo "no fuzz target '$target' (scripts/fuzz.sh list)" >&2; exit 2; }
# The readers are in the core assembly (tar too: TarStreamReader); zstd layers are decoded by ZstdSharp.
# The runtime's own System.* readers (zip and gzip, metadata) are not instrumented: their paths show
# through the callers'.
# Instrumented code writes to afl's shared memory, so it runs only under afl-fuzz.
if [ ! -f "$instrumented/.instrumented" ]; then
  for assembly in SecretGuard.Core.dll ZstdSharp.dll; do
    "$sharpfuzz" "$instrumented/$assembly" >&2
  done
  touch "$instrumented/.instrumented"
fi

seeds="$work/seeds/$target"
rm -rf "$seeds"
driver --write-seeds "$work/seeds" "$target" >&2
# Past crashes that are fixed now seed the run too (afl refuses to start on a seed that still crashes).
if [ -d "$regressions/$target" ]; then
  for file in "$regressions/$target"/*; do
    [ -f "$file" ] || continue
    if timeout 20 dotnet "$bin/SecretGuard.Build.Fuzz.dll" repro "$target" "$file" >/dev/null 2>&1; then
      cp "$file" "$seeds/regression-$(basename "$file")"
    fi
  done
fi

out="$work/out/$target"
rm -rf "$out"
mkdir -p "$out"

echo "== fuzzing $target for $seconds s" >&2
# Memory: the GC heap is capped at 512 MiB, past which the reader's OutOfMemoryException is a crash
# (afl's -m caps address space, which .NET reserves by the gigabyte, so it stays off).
# Time: an input that runs longer than 3 s is a hang.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_FORKSRV_INIT_TMOUT=60000
export DOTNET_GCHeapHardLimit=0x20000000 DOTNET_gcServer=0 DOTNET_TieredPGO=0
# A dictionary of the format's tokens, for the targets that read text formats (JSON, HTTP headers).
dictionary=()
[ -f "$project/dictionaries/$target.dict" ] && dictionary=(-x "$project/dictionaries/$target.dict")
status=0
afl-fuzz -i "$seeds" -o "$out" -m none -t 3000 -V "$seconds" "${dictionary[@]}" -- dotnet "$root/$instrumented/SecretGuard.Build.Fuzz.dll" run "$target" \
  >"$out/afl.log" 2>&1 || status=$?

stats="$out/default/fuzzer_stats"
if [ ! -f "$stats" ]; then
  echo "afl-fuzz did not start (exit $status); the end of its log:" >&2
  tail -n 30 "$out/afl.log" >&2
  exit 1
fi

value() { sed -n "s/^$1 *: *//p" "$stats"; }
execs=$(value execs_done)
crashes=$(find "$out/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
hangs=$(find "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "target=$target seconds=$seconds executions=$execs crashes=$crashes hangs=$hangs corpus=$(value corpus_count) execs_per_sec=$(value execs_per_sec)"
if [ "$crashes" -gt 0 ] || [ "$hangs" -gt 0 ]; then
  kept="$work/findings/$target"
  mkdir -p "$kept"
  find "$out/default/crashes" "$out/default/hangs" -type f -name 'id:*' -exec cp {} "$kept/" \;
  echo "inputs kept in $kept; replay with: scripts/fuzz.sh repro $target FILE"
  echo "each becomes a regression input under $regressions/$target/ (see docs/fuzzing.md)"
fi
