#!/usr/bin/env bash
# What SecretGuard adds to `dotnet publish /t:PublishContainer`: the median wall time of RUNS publishes
# of samples/CleanApp (plus ~4 MB of published XML documentation) with the scan off and on, and the scan's
# own time from its summary line; then the core's throughput, and the gate's check of a base image of
# about the size of mcr.microsoft.com/dotnet/aspnet (Debian system folders, then the real .NET and
# ASP.NET Core runtimes, one layer each) in a loopback registry, cold and from the layer cache; before that,
# the same layers (and a text-heavy one) scanned from memory against plain gzip decompression of them.
# Usage: bash scripts/bench.sh [RUNS]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}

source scripts/bench-setup.sh
start_local_registry
push_base_image bench-base

app="$work/app"
cp -r samples/CleanApp "$app"
cp samples/Directory.Build.props "$work/"
printf '<configuration><packageSources><add key="secretguard-local" value="%s" /></packageSources></configuration>\n' "$root/artifacts/feed" > "$work/nuget.config"
mkdir -p "$app/wwwroot/docs"
# About 4 MB of real text that compresses like real assets do: the SDK's own XML documentation.
find /usr/share/dotnet/packs -name '*.xml' -size +100k | sort | head -n 12 | while read -r f; do cp "$f" "$app/wwwroot/docs/"; done

publish() { # enabled -> prints milliseconds
  local start end
  start=$(date +%s%N)
  dotnet publish "$app/CleanApp.csproj" -c Release /t:PublishContainer -nodeReuse:false -tl:off \
    -p:SampleBaseImage="localhost:$registry_port/bench-base:1" -p:ContainerArchiveOutputPath="$work/image.tar.gz" \
    -p:SecretGuardEnabled="$1" > "$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

publish true >/dev/null   # restore, build and warm the caches once
off=(); on=(); scan=()
for _ in $(seq 1 "$runs"); do
  off+=("$(publish false)")
  on+=("$(publish true)")
  scan+=("$(sed -n 's/.*SecretGuard: scanned .* in \([0-9]*\) ms.*/\1/p' "$work/last.log")")
done
layer=$(tar -tvf "$work/image.tar.gz" | awk '{print $3}' | sort -n | tail -1)
summary=$(grep -o 'SecretGuard: scanned.*' "$work/last.log")

m_off=$(printf '%s\n' "${off[@]}" | median)
m_on=$(printf '%s\n' "${on[@]}" | median)
m_scan=$(printf '%s\n' "${scan[@]}" | median)
echo "runs:                       $runs"
echo "largest blob (app layer):   $layer bytes (gzip)"
echo "publish without scan:       $m_off ms (median)"
echo "publish with scan:          $m_on ms (median)"
echo "added:                      $((m_on - m_off)) ms ($(awk "BEGIN {printf \"%.1f\", ($m_on - $m_off) * 100 / $m_off}")%)"
echo "scan time (summary line):   $m_scan ms (median)"
echo "last summary:               $summary"
echo "published text assets:      $(du -sb "$app/wwwroot/docs" | cut -f1) bytes"
echo
echo "Core throughput on the ASP.NET Core reference pack (XML docs, one core):"
dotnet run -c Release --project bench/SecretGuard.Build.Benchmark -- /usr/share/dotnet/packs/Microsoft.AspNetCore.App.Ref | sed 's/^/  /'
echo
echo "Assembly metadata scan of the ASP.NET Core shared framework (#US heap, consts, attributes; one core):"
dotnet run -c Release --project bench/SecretGuard.Build.Benchmark -- --assemblies /usr/share/dotnet/shared/Microsoft.AspNetCore.App | sed 's/^/  /'
echo
echo "Layer content as the file scanner meets it (shared frameworks, certificates, documentation; one core):"
dotnet run -c Release --project bench/SecretGuard.Build.Benchmark -- --layer-content /usr/share/dotnet/shared/Microsoft.NETCore.App /usr/share/dotnet/shared/Microsoft.AspNetCore.App /etc/ssl/certs /usr/share/doc | sed 's/^/  /'
echo
echo "Whole layers against plain gzip decompression (digest, decompression and scan of every file; first pass and best of the next 11):"
runtime=$(ls -d /usr/share/dotnet/shared/Microsoft.NETCore.App/* | tail -1)
aspnet=$(ls -d /usr/share/dotnet/shared/Microsoft.AspNetCore.App/* | tail -1)
tar -C / -cf - usr/sbin var/lib/dpkg usr/share/zoneinfo 2>/dev/null | gzip > "$work/system.tar.gz"
tar -C / -cf - "${runtime#/}" | gzip > "$work/runtime.tar.gz"
tar -C / -cf - "${aspnet#/}" | gzip > "$work/aspnet.tar.gz"
tar -C / -cf - usr/share/doc etc/ssl/certs 2>/dev/null | gzip > "$work/doc.tar.gz"
echo "  the three layers of an aspnet-sized base image:"
dotnet run -c Release --project bench/SecretGuard.Build.Benchmark -- --layers "$work/system.tar.gz" "$work/runtime.tar.gz" "$work/aspnet.tar.gz" | sed 's/^/    /'
echo "  a text-heavy layer (/usr/share/doc, its gzip files inflated and read, and /etc/ssl/certs):"
dotnet run -c Release --project bench/SecretGuard.Build.Benchmark -- --layers "$work/doc.tar.gz" | sed 's/^/    /'
rm -f "$work"/*.tar.gz
echo
echo "Base image check before the build (three gzip layers in the loopback registry):"
push_aspnet_sized_image bench-runtime
for i in 1 2 3; do echo "  layer $i: $(curl -fsS "http://127.0.0.1:$registry_port/v2/bench-runtime/manifests/1" -H 'Accept: application/vnd.oci.image.manifest.v1+json' | grep -o '"size":[0-9]*' | sed -n "$((i + 1))p" | cut -d: -f2) bytes (gzip)"; done
dotnet run -c Release --project bench/SecretGuard.Build.Benchmark -- --base-image "localhost:$registry_port/bench-runtime:1" | sed 's/^/  /'
