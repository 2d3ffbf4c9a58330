#!/usr/bin/env bash
# Two builds of SecretGuard side by side in real publishes, for a change to what a CI publish costs (issue
# 29): the package of commit BASE and the package of the working tree, each from its own folder feed into
# its own NuGet folder; samples/CleanApp published to a tarball on the aspnet-sized base image of
# ci-figures.sh in a loopback registry. Each round publishes with SecretGuard off, then with BASE's package,
# then with this one (each with an empty layer cache but in MODE warm); then the medians, what each adds
# to the off one, and the median of the rounds' paired differences (this one less BASE's).
#   MODE fresh   no bin/ or obj/ before each publish (a fresh clone)
#   MODE cold    the build up to date (a re-publish on an empty layer cache)
#   MODE warm    the build up to date, each package's layer cache kept from its first publish
# Each round also gives SecretGuard's own tasks' time in each publish (MSBuild's task performance summary).
# Usage: bash scripts/ci-ab.sh BASE [ROUNDS] [MODE]   (default 7 rounds, fresh)
set -euo pipefail
cd "$(dirname "$0")/.."
base_commit=$(git rev-parse --short "${1:?usage: bash scripts/ci-ab.sh BASE [ROUNDS] [MODE]}")
rounds=${2:-7}
mode=${3:-fresh}
case "$mode" in fresh | cold | warm) ;; *) echo "MODE is fresh, cold or warm" >&2; exit 2 ;; esac
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1

source scripts/bench-setup.sh   # packs the working tree into artifacts/feed
export XDG_CACHE_HOME="$work/xdg"   # the SDK's content store, shared by every publish of this run
start_local_registry
push_aspnet_sized_image ci-base
base_image="localhost:$registry_port/ci-base:1"

# BASE's package, packed from a worktree of that commit.
git worktree add -q --detach "$work/base-src" "$base_commit"
trap '[ -n "$registry_pid" ] && kill "$registry_pid" 2>/dev/null; git worktree remove --force "$work/base-src" 2>/dev/null; rm -rf "$work"' EXIT
dotnet pack "$work/base-src/src/SecretGuard.Build" -c Release -o "$work/base-feed" -nodeReuse:false -tl:off -v:q

# side NAME FEED: a copy of the sample that restores SecretGuard from FEED into a NuGet folder of its own.
side() {
  mkdir -p "$work/$1"
  cp -r samples/CleanApp "$work/$1/app"
  cp samples/Directory.Build.props "$work/$1/"
  printf '<configuration><packageSources><add key="secretguard-local" value="%s" /></packageSources></configuration>\n' "$2" > "$work/$1/nuget.config"
}
side base "$work/base-feed"
side this "$root/artifacts/feed"

# publish SIDE ENABLED -> milliseconds; the log in $work/SIDE/last.log
publish() {
  local start end
  [ "$mode" = fresh ] && rm -rf "$work/$1/app/bin" "$work/$1/app/obj"
  local cache="$work/cache-$RANDOM$RANDOM"
  [ "$mode" = warm ] && cache="$work/cache-$1"
  start=$(date +%s%N)
  NUGET_PACKAGES="$work/$1/packages" dotnet publish "$work/$1/app/CleanApp.csproj" -c Release /t:PublishContainer -nodeReuse:false -tl:off -v:n -clp:PerformanceSummary \
    -p:SampleBaseImage="$base_image" -p:ContainerArchiveOutputPath="$work/$1/image.tar.gz" \
    -p:SecretGuardEnabled="$2" -p:SecretGuardCacheDirectory="$cache" > "$work/$1/last.log" 2>&1 \
    || { cat "$work/$1/last.log" >&2; exit 1; }
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}
# tasks SIDE -> milliseconds SecretGuard's tasks took in SIDE's last publish
tasks() { grep -E '^ +[0-9]+ ms  (StartBaseImageCheck|CheckContainerInputs|ScanContainerImage) ' "$work/$1/last.log" | awk '{ s += $1 } END { print s + 0 }'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# A first publish of each restores its package and fills the SDK's content store.
publish base true >/dev/null
publish this true >/dev/null
off="" on_base="" on_this="" tasks_base="" tasks_this=""
for r in $(seq 1 "$rounds"); do
  o=$(publish base false); b=$(publish base true); tb=$(tasks base); t=$(publish this true); tt=$(tasks this)
  off+="$o "; on_base+="$b "; on_this+="$t "; tasks_base+="$tb "; tasks_this+="$tt "
  echo "  round $r: off $o ms, $base_commit $b ms, this $t ms (SecretGuard's tasks $tb and $tt ms)" >&2
done

m_off=$(median <<<"$off")
echo "$mode publishes, $rounds rounds, medians ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores): off $m_off ms"
for side in "$base_commit $on_base" "this $on_this"; do
  name=${side%% *}
  m=$(median <<<"${side#* }")
  echo "  $name: $m ms, $(awk -v a="$m_off" -v b="$m" 'BEGIN { printf "%+d ms, %+.1f%%", b - a, (b - a) * 100 / a }')"
done
# Each round's two packages ran back to back: their paired difference is steadier than the medians above
# when the publishes without SecretGuard vary as much as the effect (see docs/performance.md).
paired=$(paste -d' ' <(tr ' ' '\n' <<<"$on_base" | grep .) <(tr ' ' '\n' <<<"$on_this" | grep .) | awk '{print $2 - $1}')
echo "  paired (this less $base_commit, round by round): median $(median <<<"$paired") ms, from $(sort -n <<<"$paired" | head -n 1) to $(sort -n <<<"$paired" | tail -n 1) ms"
echo "  SecretGuard's own tasks, median: $base_commit $(median <<<"$tasks_base") ms, this $(median <<<"$tasks_this") ms"
