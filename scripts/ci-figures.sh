#!/usr/bin/env bash
# What SecretGuard adds to a CI publish, side by side in one run (issue 29): samples/CleanApp published to
# a tarball on an aspnet-sized base image in a loopback registry (Debian system folders, the .NET runtime,
# ASP.NET Core: three gzip layers), SecretGuard on and off (-p:SecretGuardEnabled=false), alternating, PAIRS
# pairs, medians:
#   fresh clone          no bin/ or obj/, warm NuGet package folder, empty SecretGuard layer cache
#   fresh clone + cache  the same with the layer cache a CI cache step restores (saved by an earlier publish)
#   cold re-publish      the build up to date, empty layer cache
#   warm re-publish      the build up to date, every base layer cached, the published files unchanged
# and, with RSS=1, the peak RSS of a publish (one process, -m:1) on a base image with one ordinary 2 GiB
# layer (the .NET install three times and /usr/share/doc), on and off. The SDK's content store is warm and
# shared by every publish, as on a machine that published before; the registry is on loopback, so the
# download a real runner pays is not in these figures.
# Usage: bash scripts/ci-figures.sh [PAIRS]   (default 5; RSS=1 adds the 2 GiB layer)
set -euo pipefail
cd "$(dirname "$0")/.."
pairs=${1:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

source scripts/bench-setup.sh
export XDG_CACHE_HOME="$work/xdg"   # the SDK's content store, shared by every publish of this run
start_local_registry
push_aspnet_sized_image ci-base
base="localhost:$registry_port/ci-base:1"

app="$work/app"
cp -r samples/CleanApp "$app"
cp samples/Directory.Build.props "$work/"
printf '<configuration><packageSources><add key="secretguard-local" value="%s" /></packageSources></configuration>\n' "$root/artifacts/feed" > "$work/nuget.config"

# publish ENABLED CACHE_DIR [BASE] -> prints milliseconds; the log in $work/last.log
publish() {
  local start end
  start=$(date +%s%N)
  dotnet publish "$app/CleanApp.csproj" -c Release /t:PublishContainer -nodeReuse:false -tl:off -v:n \
    -p:SampleBaseImage="${3:-$base}" -p:ContainerArchiveOutputPath="$work/image.tar.gz" \
    -p:SecretGuardEnabled="$1" -p:SecretGuardCacheDirectory="$2" > "$work/last.log" 2>&1 \
    || { cat "$work/last.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
fresh_clone() { rm -rf "$app/bin" "$app/obj"; }
gate_line() { grep -o 'SecretGuard: .*before building the image' "$work/last.log" | head -n 1 || true; }

# One restore, build and publish first, so the SDK's content store holds the base layers; then the
# layer cache a CI cache step would save (as a tarball, restored by unpacking it).
publish true "$work/seed-cache" >/dev/null
tar -C "$work" -czf "$work/cache.tgz" seed-cache

declare -A off on gate
run() { # NAME PREPARE-ON-CACHE(empty|restored|warm) FRESH(yes|no)
  local name=$1 kind=$2 fresh=$3 o n cache
  off[$name]=""; on[$name]=""
  for _ in $(seq 1 "$pairs"); do
    [ "$fresh" = yes ] && fresh_clone
    o=$(publish false "$work/unused-cache")
    case "$kind" in
      empty) cache="$work/cache-$RANDOM$RANDOM" ;;
      restored) rm -rf "$work/restored" && mkdir -p "$work/restored" && tar -C "$work/restored" -xzf "$work/cache.tgz"; cache="$work/restored/seed-cache" ;;
      warm) cache="$work/seed-cache" ;;
    esac
    [ "$fresh" = yes ] && fresh_clone
    n=$(publish true "$cache")
    off[$name]+="$o "; on[$name]+="$n "
    gate[$name]=$(gate_line)
    echo "  $name: off $o ms, on $n ms" >&2
  done
}

if [ "$pairs" -gt 0 ]; then   # 0: the 2 GiB layer alone
run "fresh clone" empty yes
run "fresh clone + cache" restored yes
run "cold re-publish" empty no
publish true "$work/seed-cache" >/dev/null   # the published files' clean check recorded, as after any publish
run "warm re-publish" warm no

echo
echo "SecretGuard on vs off, $pairs pairs each, medians ($(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD), $(nproc) cores)"
echo "| publish | off (ms) | on (ms) | added |"
echo "| --- | --- | --- | --- |"
for name in "fresh clone" "fresh clone + cache" "cold re-publish" "warm re-publish"; do
  m_off=$(tr ' ' '\n' <<<"${off[$name]}" | grep . | median)
  m_on=$(tr ' ' '\n' <<<"${on[$name]}" | grep . | median)
  echo "| $name | $m_off (${off[$name]% }) | $m_on (${on[$name]% }) | $(awk -v a="$m_off" -v b="$m_on" 'BEGIN { printf "%+d ms, %+.1f%%", b - a, (b - a) * 100 / a }') |"
done
echo
for name in "fresh clone" "cold re-publish" "warm re-publish"; do
  echo "gate, $name (last): ${gate[$name]}"
done
fi

if [ "${RSS:-0}" = 1 ]; then
  if [ ! -x /usr/bin/time ]; then echo "RSS needs GNU time (/usr/bin/time)" >&2; exit 1; fi
  # One ordinary 2 GiB layer: GNU tar archives a path given three times three times.
  push_layered_image big-base /usr/share/dotnet,/usr/share/dotnet,/usr/share/dotnet,/usr/share/doc
  big="localhost:$registry_port/big-base:1"
  size=$(curl -fsS "http://127.0.0.1:$registry_port/v2/big-base/manifests/1" -H 'Accept: application/vnd.oci.image.manifest.v1+json' | grep -o '"size":[0-9]*' | tail -n 1 | cut -d: -f2)
  # What the check finds in these real files is beside the point here: findings as warnings, so both
  # publishes do the same work to the end (the image written).
  rss() { # ENABLED -> peak RSS in MB, seconds and exit code
    local code=0
    /usr/bin/time -f '%M %e' -o "$work/time.txt" dotnet publish "$app/CleanApp.csproj" -c Release /t:PublishContainer -m:1 -nodeReuse:false -tl:off \
      -p:SampleBaseImage="$big" -p:ContainerArchiveOutputPath="$work/image.tar.gz" -p:SecretGuardEnabled="$1" \
      -p:SecretGuardBaseImageFindingsAsWarnings=true -p:SecretGuardCacheDirectory="$work/big-cache-$RANDOM$RANDOM" > "$work/last.log" 2>&1 || code=$?
    awk -v code="$code" '{printf "%d MB, %s s (exit %s)", $1 / 1024, $2, code}' "$work/time.txt"
  }
  publish false "$work/unused-cache" "$big" >/dev/null   # the SDK's content store holds the big layer
  echo
  echo "2 GiB ordinary layer ($size bytes gzip): peak RSS of the publish, off: $(rss false); on: $(rss true)"
  echo "gate: $(gate_line)"
fi
