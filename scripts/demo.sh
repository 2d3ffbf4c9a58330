#!/usr/bin/env bash
# The demo on a fresh Debian/Ubuntu machine with the .NET SDK: packs SecretGuard.Build, starts a
# local OCI registry with a small base image, then publishes samples/LeakyApp (fails, with errors
# pointing at each source line) and samples/CleanApp (passes with one summary line).
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

echo "== Starting a local registry (Debian's docker-registry) on 127.0.0.1"
port=""
for candidate in $(seq 5100 5199); do
  if ! (exec 3<>/dev/tcp/127.0.0.1/$candidate) 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "no free port in 5100-5199"; exit 1; }
cat > "$work/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$port
YAML
docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.2; done

echo "== Pushing a small base image as localhost:$port/demo-base:1"
mkdir -p "$work/rootfs/etc"
echo "ID=secretguard-demo" > "$work/rootfs/etc/os-release"
tar -C "$work/rootfs" -cf "$work/layer.tar" etc
gzip -c "$work/layer.tar" > "$work/layer.tar.gz"
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
layer_digest="sha256:$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)"
printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/bin:/bin"]},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"ADD rootfs /"}]}' "$diff_id" > "$work/config.json"
config_digest="sha256:$(sha256sum "$work/config.json" | cut -d' ' -f1)"
upload() { # file digest
  local location
  location=$(curl -fsS -X POST -D - -o /dev/null "http://127.0.0.1:$port/v2/demo-base/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  case "$location" in /*) location="http://127.0.0.1:$port$location" ;; esac
  case "$location" in *\?*) sep='&' ;; *) sep='?' ;; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$1" "$location${sep}digest=$2" >/dev/null
}
upload "$work/layer.tar.gz" "$layer_digest"
upload "$work/config.json" "$config_digest"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}' \
  "$config_digest" "$(stat -c %s "$work/config.json")" "$layer_digest" "$(stat -c %s "$work/layer.tar.gz")" > "$work/manifest.json"
curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest.json" "http://127.0.0.1:$port/v2/demo-base/manifests/1" >/dev/null

common=(-c Release /t:PublishContainer -nodeReuse:false -tl:off -p:SampleBaseImage="localhost:$port/demo-base:1" -p:ContainerRegistry="localhost:$port")

echo
echo "== dotnet publish samples/LeakyApp /t:PublishContainer  (expected to FAIL)"
set +e
dotnet publish samples/LeakyApp/LeakyApp.csproj "${common[@]}" -p:PaymentsKey="sk_live_$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)" 2>&1 | grep -E 'SG[0-9]{4}|SecretGuard:|Build (succeeded|FAILED)' | sed 's/ \[[^]]*\]$//' | sort -u
leaky=${PIPESTATUS[0]}
set -e

echo
echo "== dotnet publish samples/CleanApp /t:PublishContainer  (expected to pass)"
dotnet publish samples/CleanApp/CleanApp.csproj "${common[@]}" 2>&1 | grep -E 'SG[0-9]{4}|SecretGuard:|Pushed image|error' || true

echo
if [ "$leaky" -ne 0 ]; then
  echo "LeakyApp failed to publish, as it should: every error above names the file and line to fix."
else
  echo "Unexpected: LeakyApp published without errors."; exit 1
fi
