#!/usr/bin/env bash
# Where the base image check's first pass spends its CPU, as a build sees it (issue 29): the ReadyToRun
# build of the core the package ships, one check of the three layers of an aspnet-sized base image (Debian
# system folders, the .NET runtime, ASP.NET Core; gzip, diff_ids in the config) read from memory, in a
# fresh process. Prints the benchmark's own lines for RUNS checks (wall, CPU, JIT, allocations, page
# faults), then a `perf` profile of one more check, the set-up left out, with its samples grouped by what
# ran: decompression, hashing, the kernel (mostly page faults: memory touched for the first time), the C
# library's copies, the runtime, the JIT compiler, and the code itself.
# Usage: bash scripts/profile-first-pass.sh [RUNS]   (default 3; perf comes from Debian's linux-perf)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v perf >/dev/null; then
  apt-get install -y -q linux-perf >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q linux-perf >/dev/null; }
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The benchmark, with the ReadyToRun core in place of the IL one it is built against.
dotnet build bench/SecretGuard.Build.Benchmark -c Release -nodeReuse:false -tl:off -v:q -o "$work/bench" >/dev/null
dotnet publish src/SecretGuard.Build.Tasks -c Release -f net10.0 -r linux-x64 -p:PublishReadyToRun=true -nodeReuse:false -tl:off -v:q -o "$work/r2r" >/dev/null
cp "$work/r2r/SecretGuard.Core.dll" "$work/r2r/ZstdSharp.dll" "$work/bench/"

runtime=$(ls -d /usr/share/dotnet/shared/Microsoft.NETCore.App/* | tail -1)
aspnet=$(ls -d /usr/share/dotnet/shared/Microsoft.AspNetCore.App/* | tail -1)
tar -C / -cf - usr/sbin var/lib/dpkg usr/share/zoneinfo | gzip > "$work/system.tar.gz"
tar -C / -cf - "${runtime#/}" | gzip > "$work/runtime.tar.gz"
tar -C / -cf - "${aspnet#/}" | gzip > "$work/aspnet.tar.gz"
layers=("$work/system.tar.gz" "$work/runtime.tar.gz" "$work/aspnet.tar.gz")
bench() { dotnet "$work/bench/SecretGuard.Build.Benchmark.dll" --layers-once "${layers[@]}"; }

echo "One check per process, the ReadyToRun core ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)):"
for _ in $(seq 1 "$runs"); do bench | sed 's/^/  /'; done

# perf starts with its counters off and is told to count once the set-up is done.
mkfifo "$work/control" "$work/ack"
exec 3<>"$work/control" 4<>"$work/ack"
SECRETGUARD_BENCH_PAUSE_MS=300 perf record -q -D -1 --control "fd:3,4" -F 2000 -g -o "$work/perf.data" \
  dotnet "$work/bench/SecretGuard.Build.Benchmark.dll" --layers-once "${layers[@]}" 2>/dev/null |
  while IFS= read -r line; do
    case "$line" in "set-up done"*) echo enable >&3; read -r _ <&4 ;; *) echo "  profiled: $line" ;; esac
  done

echo
echo "CPU samples of that check, by what ran:"
perf report -i "$work/perf.data" --no-children --sort dso -g none --stdio 2>/dev/null | awk '
  /^ *[0-9.]+%/ {
    share = $1; sub("%", "", share); dso = $2
    if (dso ~ /Compression.Native/) group = "decompression (zlib)"
    else if (dso ~ /libcrypto/) group = "hashing (digest and diff_id, OpenSSL)"
    else if (dso ~ /kernel/) group = "kernel (page faults: memory touched for the first time; reads)"
    else if (dso ~ /^libc\./) group = "C library (memory copies and fills)"
    else if (dso ~ /libcoreclr/) group = "runtime (GC, type loading, stubs)"
    else if (dso ~ /libclrjit/) group = "JIT compiler"
    else group = "code (SecretGuard, the BCL; ReadyToRun and JIT-compiled)"
    total[group] += share
  }
  END { for (g in total) printf "  %5.1f%%  %s\n", total[g], g }' | sort -rn
