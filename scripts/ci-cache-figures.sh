#!/usr/bin/env bash
# What a restored SecretGuardCacheDirectory saves a cold CI runner (docs/ci.md): RUNS pairs of publishes
# of samples/CleanApp on an aspnet-sized base image (three gzip layers: Debian system folders, the .NET
# runtime, ASP.NET Core) in a loopback registry. Every publish starts as an ephemeral runner does, with an
# empty SDK content store and layer cache; the "restored" one gets the cache directory a first publish
# left, unpacked from a tarball as a CI cache step restores it. The cache key is the base image's digest,
# read with scripts/base-image-digest.sh. Usage: bash scripts/ci-cache-figures.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

source scripts/bench-setup.sh
start_local_registry
push_aspnet_sized_image ci-base
base="localhost:$registry_port/ci-base:1"
digest=$(bash scripts/base-image-digest.sh "$base")

app="$work/app"
cp -r samples/CleanApp "$app"
cp samples/Directory.Build.props "$work/"
printf '<configuration><packageSources><add key="secretguard-local" value="%s" /></packageSources></configuration>\n' "$root/artifacts/feed" > "$work/nuget.config"

publish() { # CACHE_DIR -> prints "milliseconds gate-line"
  local start end runner
  runner=$(mktemp -d "$work/runner.XXXX")   # a fresh runner: no SDK content store, no default cache
  mkdir -p "$runner/tmp" "$runner/home"
  start=$(date +%s%N)
  TMPDIR="$runner/tmp" XDG_CACHE_HOME="$runner/cache" HOME="$runner/home" dotnet publish "$app/CleanApp.csproj" -c Release /t:PublishContainer -nodeReuse:false -tl:off -v:n \
    -p:SampleBaseImage="$base" -p:ContainerArchiveOutputPath="$work/image.tar.gz" -p:SecretGuardCacheDirectory="$1" > "$work/last.log" 2>&1 \
    || { cat "$work/last.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo "$(((end - start) / 1000000)) $(grep -o 'SecretGuard: [0-9].*before building the image.*\|SecretGuard: .*checked.*before.*' "$work/last.log" | head -n 1)"
  rm -rf "$runner"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

publish "$work/warm-up" >/dev/null   # restore and build once, so both kinds of publish compare the same work
cold=(); restored=()
for i in $(seq 1 "$runs"); do
  rm -rf "$work/cache" "$work/restored"
  c=$(publish "$work/cache"); cold+=("${c%% *}")
  echo "cold     $i: $c"
  tar -C "$work" -czf "$work/cache.tgz" cache          # what actions/cache saves under the key
  mkdir -p "$work/restored" && tar -C "$work/restored" -xzf "$work/cache.tgz"
  r=$(publish "$work/restored/cache"); restored+=("${r%% *}")
  echo "restored $i: $r"
done
echo "base image:             $base ($digest)"
echo "layers (gzip bytes):    $(curl -fsS "http://127.0.0.1:$registry_port/v2/ci-base/manifests/1" -H 'Accept: application/vnd.oci.image.manifest.v1+json' | grep -o '"size":[0-9]*' | tail -n 3 | cut -d: -f2 | paste -sd' ')"
echo "cache saved (tgz):      $(stat -c %s "$work/cache.tgz") bytes"
echo "publish, empty cache:   $(printf '%s\n' "${cold[@]}" | median) ms (median of $runs)"
echo "publish, restored cache: $(printf '%s\n' "${restored[@]}" | median) ms (median of $runs)"
