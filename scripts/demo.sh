#!/usr/bin/env bash
# The demo on a fresh Debian/Ubuntu machine with the .NET SDK: packs SecretGuard.Build, starts a
# local OCI registry with a small base image, then publishes samples/LeakyApp (fails, with errors
# pointing at each source line) and samples/CleanApp (passes with one summary line), then the whole
# samples/Samples.sln at once with -m (the install in samples/Directory.Build.props covers every project).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
bash scripts/ensure-tools.sh

work=$(mktemp -d)
registry_pid=""
cleanup() {
  [ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== Packing SecretGuard.Build into artifacts/feed"
dotnet pack src/SecretGuard.Build -c Release -o artifacts/feed -nodeReuse:false -tl:off -v:q
export NUGET_PACKAGES="$root/artifacts/demo-packages"
rm -rf "$NUGET_PACKAGES/secretguard.build"   # always use the package just packed

echo "== Starting a local registry (Debian's docker-registry) on 127.0.0.1, with a small base image"
source scripts/local-registry.sh
start_local_registry
push_base_image demo-base
port=$registry_port

common=(-c Release /t:PublishContainer -nodeReuse:false -tl:off -p:SampleBaseImage="localhost:$port/demo-base:1" -p:ContainerRegistry="localhost:$port")

echo
echo "== dotnet publish samples/LeakyApp /t:PublishContainer  (expected to FAIL)"
set +e
dotnet publish samples/LeakyApp/LeakyApp.csproj "${common[@]}" -p:PaymentsKey="sk_live_$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)" 2>&1 | grep -E 'SG[0-9]{4}:|SecretGuard:|Build (succeeded|FAILED)' | sed 's/ \[[^]]*\]$//' | sort -u
leaky=${PIPESTATUS[0]}
set -e

echo
echo "== dotnet publish samples/CleanApp /t:PublishContainer  (expected to pass)"
dotnet publish samples/CleanApp/CleanApp.csproj "${common[@]}" 2>&1 | grep -E 'SG[0-9]{4}|SecretGuard:|Pushed image|error' || true

echo
echo "== dotnet publish samples/Samples.sln /t:PublishContainer -m  (the solution: LeakyApp fails, CleanApp passes, Shared is a library)"
set +e
dotnet publish samples/Samples.sln "${common[@]}" -m -p:PaymentsKey="" 2>&1 | grep -E 'SG[0-9]{4}:|SecretGuard:|Pushed image' | sed 's/ \[[^]]*\]$//' | sort -u
set -e

echo
if [ "$leaky" -ne 0 ]; then
  echo "LeakyApp failed to publish, as it should: every error above names the file and line to fix."
else
  echo "Unexpected: LeakyApp published without errors."; exit 1
fi
