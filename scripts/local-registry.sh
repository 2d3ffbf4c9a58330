#!/usr/bin/env bash
# Sourced by demo.sh and bench.sh: a real OCI registry (Debian's docker-registry) on a free
# 127.0.0.1 port, and a small base image pushed through its HTTP API with curl.
# Needs: $work (a temp folder the caller removes). Sets: $registry_port, $registry_pid.

start_local_registry() {
  registry_port=""
  for candidate in $(seq 5100 5199); do
    if ! (exec 3<>/dev/tcp/127.0.0.1/$candidate) 2>/dev/null; then registry_port=$candidate; break; fi
  done
  [ -n "$registry_port" ] || { echo "no free port in 5100-5199" >&2; return 1; }
  cat > "$work/registry.yml" <<YAML
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $work/registry
http:
  addr: 127.0.0.1:$registry_port
YAML
  docker-registry serve "$work/registry.yml" >"$work/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 50); do
    curl -fs "http://127.0.0.1:$registry_port/v2/" >/dev/null && return 0
    sleep 0.2
  done
  echo "the registry did not start; see $work/registry.log" >&2
  return 1
}

# push_base_image NAME: a one-layer linux/amd64 image NAME:1 with /etc/os-release.
push_base_image() {
  local name=$1 api="http://127.0.0.1:$registry_port/v2/$1"
  mkdir -p "$work/rootfs/etc"
  echo "ID=secretguard-demo" > "$work/rootfs/etc/os-release"
  tar -C "$work/rootfs" -cf "$work/layer.tar" etc
  gzip -c "$work/layer.tar" > "$work/layer.tar.gz"
  local diff_id layer_digest config_digest
  diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
  layer_digest="sha256:$(sha256sum "$work/layer.tar.gz" | cut -d' ' -f1)"
  printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/bin:/bin"]},"rootfs":{"type":"layers","diff_ids":["%s"]},"history":[{"created_by":"ADD rootfs /"}]}' "$diff_id" > "$work/config.json"
  config_digest="sha256:$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  _upload_blob "$api" "$work/layer.tar.gz" "$layer_digest"
  _upload_blob "$api" "$work/config.json" "$config_digest"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":%d}]}' \
    "$config_digest" "$(stat -c %s "$work/config.json")" "$layer_digest" "$(stat -c %s "$work/layer.tar.gz")" > "$work/manifest.json"
  curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest.json" "$api/manifests/1" >/dev/null
}

_upload_blob() { # api file digest
  local location sep
  location=$(curl -fsS -X POST -D - -o /dev/null "$1/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
  case "$location" in /*) location="http://127.0.0.1:$registry_port$location" ;; esac
  case "$location" in *\?*) sep='&' ;; *) sep='?' ;; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$2" "$location${sep}digest=$3" >/dev/null
}

# push_layered_image NAME LAYER...: a linux/amd64 image NAME:1 with one gzip layer per LAYER, a
# comma-separated list of absolute paths tarred as they sit under /; for measuring a realistic base image.
push_layered_image() {
  local name=$1 api="http://127.0.0.1:$registry_port/v2/$1" i=0 diff_ids="" layers="" history=""
  shift
  for path in "$@"; do
    i=$((i + 1))
    local parts=()
    IFS=',' read -ra parts <<< "$path"
    tar -C / -cf "$work/layer$i.tar" "${parts[@]#/}"
    gzip -c "$work/layer$i.tar" > "$work/layer$i.tar.gz"
    local diff_id digest
    diff_id="sha256:$(sha256sum "$work/layer$i.tar" | cut -d' ' -f1)"
    digest="sha256:$(sha256sum "$work/layer$i.tar.gz" | cut -d' ' -f1)"
    _upload_blob "$api" "$work/layer$i.tar.gz" "$digest"
    diff_ids="$diff_ids${diff_ids:+,}\"$diff_id\""
    layers="$layers${layers:+,}{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"$digest\",\"size\":$(stat -c %s "$work/layer$i.tar.gz")}"
    history="$history${history:+,}{\"created_by\":\"COPY $path $path\"}"
    rm -f "$work/layer$i.tar" "$work/layer$i.tar.gz"
  done
  _put_image "$api" "$diff_ids" "$layers" "$history"
}

# _put_image API DIFF_IDS LAYERS HISTORY: uploads a linux/amd64 config with these diff_ids and history
# (JSON list bodies, comma-separated) and puts the manifest of these layer descriptors as tag 1.
_put_image() {
  printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/bin:/bin"]},"rootfs":{"type":"layers","diff_ids":[%s]},"history":[%s]}' "$2" "$4" > "$work/config.json"
  local config_digest
  config_digest="sha256:$(sha256sum "$work/config.json" | cut -d' ' -f1)"
  _upload_blob "$1" "$work/config.json" "$config_digest"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[%s]}' \
    "$config_digest" "$(stat -c %s "$work/config.json")" "$3" > "$work/manifest.json"
  curl -fsS -X PUT -H 'Content-Type: application/vnd.oci.image.manifest.v1+json' --data-binary "@$work/manifest.json" "$1/manifests/1" >/dev/null
}

# push_aspnet_sized_image NAME: the aspnet-sized base image the figures are measured on, as NAME:1: Debian's
# /usr/sbin, /var/lib/dpkg and zoneinfo, then this machine's .NET and ASP.NET Core runtimes (three gzip layers).
push_aspnet_sized_image() {
  local runtime aspnet
  runtime=$(ls -d /usr/share/dotnet/shared/Microsoft.NETCore.App/* | tail -1)
  aspnet=$(ls -d /usr/share/dotnet/shared/Microsoft.AspNetCore.App/* | tail -1)
  push_layered_image "$1" /usr/sbin,/var/lib/dpkg,/usr/share/zoneinfo "$runtime" "$aspnet"
}
