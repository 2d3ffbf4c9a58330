# Shared set-up of the measuring scripts (bench.sh, ci-figures.sh, ci-cache-figures.sh), sourced from the
# repository root: the tools, a scratch folder removed on exit (with the loopback registry, when one was
# started), the package packed into artifacts/feed and a NuGet packages folder of the measurements' own.
bash scripts/ensure-tools.sh
root=$(pwd)
work=$(mktemp -d)
registry_pid=""
trap '[ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; rm -rf "$work"' EXIT

dotnet pack src/SecretGuard.Build -c Release -o artifacts/feed -nodeReuse:false -tl:off -v:q
export NUGET_PACKAGES="$root/artifacts/bench-packages"
rm -rf "$NUGET_PACKAGES/secretguard.build"
source scripts/local-registry.sh
