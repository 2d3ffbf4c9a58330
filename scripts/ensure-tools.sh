#!/usr/bin/env bash
# Installs what the end-to-end tests and the demo need from Debian's packages, when missing:
# docker-registry (a real OCI registry, started on loopback by the tests) and podman (the SDK's
# local daemon for LocalRegistry=Podman, used with vfs storage and no engine running), and zstd
# (to build a zstd-compressed base layer the way BuildKit does), and docker.io (Docker Engine, the SDK's
# default local destination: the tests start dockerd on a private socket and stop it after), and npm (the
# precision corpus installs popular npm packages; the SARIF tools below come from npm too).
set -euo pipefail
missing=()
command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v zstd >/dev/null 2>&1 || missing+=(zstd)
python3 -c 'import jsonschema' >/dev/null 2>&1 || missing+=(python3-jsonschema)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (apt-get)..."
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Microsoft's SARIF Multitool and the SARIF 2.1.0 schema (npm package), for scripts/validate-sarif.sh.
tools="$(cd "$(dirname "$0")/.." && pwd)/artifacts/tools/sarif-multitool"
if [ ! -x "$tools/package/Sarif.Multitool" ]; then
  echo "Fetching the SARIF Multitool (npm)..."
  rm -rf "$tools" && mkdir -p "$tools"
  (cd "$tools" && npm pack --silent @microsoft/sarif-multitool-linux@5.7.0 >/dev/null && tar -xzf ./*.tgz && rm -f ./*.tgz)
  chmod +x "$tools/package/Sarif.Multitool"
fi
