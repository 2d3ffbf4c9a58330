#!/usr/bin/env bash
# The hostile-input cases of `bench --hostile` (docs/robustness.md) through a real
# `dotnet publish /t:PublishContainer`: each case's layers are pushed as the base image to a loopback
# registry (a case of a published file is published by the app instead), then samples/CleanApp is
# published with SecretGuard off and on, with an empty layer cache. Prints a row per case: the SG codes
# of the publish, whether the key planted beside the hostile part was reported, and the publish
# process's peak RSS and wall time both ways (GNU time; the build in one process with -m:1).
# Usage: bash scripts/hostile-publish.sh [CASE...]   (default: every case a registry accepts)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
bash scripts/ensure-tools.sh >&2
if [ ! -x /usr/bin/time ]; then
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2
fi

work=$(mktemp -d)
registry_pid=""
trap '[ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet pack src/SecretGuard.Build -c Release -o artifacts/feed -nodeReuse:false -tl:off -v:q >&2
export NUGET_PACKAGES="$root/artifacts/bench-packages"
rm -rf "$NUGET_PACKAGES/secretguard.build"
dotnet build bench/SecretGuard.Build.Benchmark -c Release -o "$work/bench" -nodeReuse:false -tl:off -v:q >&2
source scripts/local-registry.sh
start_local_registry
push_base_image plain-base

# push_blobs_image NAME FILE...: an image NAME:1 whose layers are these gzip blobs as they are (a
# truncated one too: its diff_id is then the hash of what inflates, which no puller here checks).
push_blobs_image() {
  local name=$1 api="http://127.0.0.1:$registry_port/v2/$1" diff_ids="" layers=""
  shift
  for blob in "$@"; do
    local digest diff_id
    digest="sha256:$(sha256sum "$blob" | cut -d' ' -f1)"
    diff_id="sha256:$( (gzip -dc "$blob" 2>/dev/null || true) | sha256sum | cut -d' ' -f1)"
    _upload_blob "$api" "$blob" "$digest"
    diff_ids="$diff_ids${diff_ids:+,}\"$diff_id\""
    layers="$layers${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$digest\",\"size\":$(stat -c %s "$blob")}"
  done
  _put_image "$api" "$diff_ids" "$layers" ""
}

app="$work/app"
cp -r samples/CleanApp "$app"
cp samples/Directory.Build.props "$work/"
printf '<configuration><packageSources><add key="secretguard-local" value="%s" /></packageSources></configuration>\n' "$root/artifacts/feed" > "$work/nuget.config"
mkdir -p "$app/wwwroot"

# publish NAME BASE ENABLED: writes "peak-RSS-in-MB seconds exit-code" to stdout, the log to $work/NAME-ENABLED.log
publish() {
  local code=0
  /usr/bin/time -f '%M %e' -o "$work/time.txt" dotnet publish "$app/CleanApp.csproj" -c Release /t:PublishContainer -m:1 -nodeReuse:false -tl:off \
    -p:SampleBaseImage="localhost:$registry_port/$2:1" -p:ContainerArchiveOutputPath="$work/image.tar.gz" \
    -p:SecretGuardCacheDirectory="$work/cache-$1-$3" -p:SecretGuardEnabled="$3" > "$work/$1-$3.log" 2>&1 || code=$?
  rm -rf "$work/cache-$1-$3" "$work/image.tar.gz"
  read -r kb seconds < <(tail -n 1 "$work/time.txt") # GNU time puts "Command exited with non-zero status" before it
  echo "$((kb / 1024)) $seconds $code"
}

publish warmup plain-base true >/dev/null # restore and build once

cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  cases=(baseline single-line-200mb sql-dump-1gb gz-bombs-1000 nested-zip-50gb zip-depth-5 mz-500mb-two-layers truncated-gzip-layer
    pax-size-1e15 pax-size-not-int64 base256-mtime-overflow gnu-long-name-64mb gnu-sparse jwt-exp-string)
fi

echo "Hostile input through dotnet publish /t:PublishContainer, $(date -u +%Y-%m-%d), $(nproc) cores, $(git rev-parse --short HEAD)"
echo "| case | SG codes (SecretGuard on) | planted key reported | peak RSS off / on (MB) | seconds off / on |"
echo "|---|---|---|---|---|"
for case in "${cases[@]}"; do
  dir="$work/cases/$case"
  mkdir -p "$dir"
  dotnet "$work/bench/SecretGuard.Build.Benchmark.dll" --hostile-inputs "$case" "$dir" > "$dir/inputs.txt"
  layers=()
  base=plain-base
  while read -r kind path _; do
    case "$kind" in
      layer) layers+=("$path") ;;
      app-file) cp "$path" "$app/wwwroot/" ;;
      refused) echo "| $case | not run: its layer does not match its digest, which a registry refuses (the misbehaving-server tests cover it) | | | |"; continue 2 ;;
    esac
  done < "$dir/inputs.txt"
  if [ ${#layers[@]} -gt 0 ]; then
    base="hostile-$case"
    push_blobs_image "$base" "${layers[@]}"
  fi
  read -r rss_off s_off code_off < <(publish "$case" "$base" false)
  read -r rss_on s_on code_on < <(publish "$case" "$base" true)
  codes=$( (grep -o ' \(error\|warning\) SG[0-9]*' "$work/$case-true.log" || true) | sort | uniq -c | awk '{printf "%s%s %s%s", sep, $3, $2, ($1 > 1 ? " x" $1 : ""); sep=", "}')
  planted=no
  grep -q 'error SG1005' "$work/$case-true.log" && planted=yes
  [ "$case" = baseline ] && planted="(none planted)"
  echo "| $case | ${codes:-none} (exit $code_on; off: exit $code_off) | $planted | $rss_off / $rss_on | $s_off / $s_on |"
  rm -rf "$dir" "$app/wwwroot/"*
done
