#!/usr/bin/env bash
# Prints the digest of a container image reference (registry/name:tag) as its registry serves it now,
# for keying a CI cache of SecretGuardCacheDirectory on the base image: an unchanged base keeps its
# key, a rebuilt one gets a new key. Anonymous pull access (MCR, Docker Hub and GHCR public images,
# a registry on loopback); set REGISTRY_AUTH="Bearer TOKEN" or "Basic BASE64" for a private one.
# Plain HTTP only for localhost/127.0.0.1. Usage: base-image-digest.sh IMAGE
set -euo pipefail
ref=${1:?usage: base-image-digest.sh IMAGE (registry/name:tag)}
case "$ref" in
  *@sha256:*) echo "${ref##*@}"; exit 0 ;; # pinned by digest already
esac
first=${ref%%/*}
if [[ "$ref" != */* ]] || [[ "$first" != *.* && "$first" != *:* && "$first" != localhost ]]; then
  registry=registry-1.docker.io; path=$ref   # Docker Hub short names
  [[ "$path" == */* ]] || path="library/$path"
else
  registry=$first; path=${ref#*/}
fi
name=${path%:*}; tag=latest
[[ "$path" == *:* ]] && tag=${path##*:}
scheme=https
case "$registry" in localhost|localhost:*|127.0.0.1|127.0.0.1:*) scheme=http ;; esac
accept=(-H 'Accept: application/vnd.oci.image.index.v1+json' -H 'Accept: application/vnd.docker.distribution.manifest.list.v2+json'
        -H 'Accept: application/vnd.oci.image.manifest.v1+json' -H 'Accept: application/vnd.docker.distribution.manifest.v2+json')
url="$scheme://$registry/v2/$name/manifests/$tag"

manifest_head() { curl -fsSI --retry 3 "${accept[@]}" "$@" "$url"; }
auth=()
[ -n "${REGISTRY_AUTH:-}" ] && auth=(-H "Authorization: $REGISTRY_AUTH")
if ! headers=$(manifest_head "${auth[@]}" 2>/dev/null); then
  # A 401 names the token service: ask it for an anonymous pull token.
  challenge=$(curl -sSI "${accept[@]}" "$url" | tr -d '\r' | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: Bearer //p')
  [ -n "$challenge" ] || { echo "cannot read $url" >&2; exit 1; }
  realm=$(sed -n 's/.*realm="\([^"]*\)".*/\1/p' <<<"$challenge")
  service=$(sed -n 's/.*service="\([^"]*\)".*/\1/p' <<<"$challenge")
  token=$(curl -fsS --get --data-urlencode "service=$service" --data-urlencode "scope=repository:$name:pull" "$realm" | sed -n 's/.*"\(token\|access_token\)": *"\([^"]*\)".*/\2/p' | head -n 1)
  headers=$(manifest_head -H "Authorization: Bearer $token")
fi
digest=$(tr -d '\r' <<<"$headers" | sed -n 's/^[Dd]ocker-[Cc]ontent-[Dd]igest: *//p')
[ -n "$digest" ] || { echo "no Docker-Content-Digest from $url" >&2; exit 1; }
echo "$digest"
