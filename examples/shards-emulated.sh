#!/usr/bin/env bash
# N shards of one open loop (examples/shards-open-loop.args: 40 requests/s in total) against one emulator, held
# until the same --start-at instant, then merged with `merge --concurrent`; prints the merged table, its
# throughput and the shards' start skew. On several machines, run the shard command on each against the real
# server with the same instant (README "Scaling out: shards").
# Usage: examples/shards-emulated.sh [SHARDS] [LEAD_SECONDS] [PROFILE_FLAGS...]   (defaults: 2 shards, 30 s lead:
# JVM start, tokenizer and the client warmup must fit in the lead, or the shard warns that it started late)
# Needs GNU date. Results stay in $TOKENPERF_SHARDS_DIR (default: a new temporary directory).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shards="${1:-2}"
lead="${2:-30}"
shift $(( $# > 2 ? 2 : $# ))
work="${TOKENPERF_SHARDS_DIR:-$(mktemp -d)}"
mkdir -p "$work"
"$here/tokenperf" emulate --port 0 --ttft-ms 50 --itl-ms 10 >"$work/emulator.out" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null || true' EXIT
until grep -o 'http://127.0.0.1:[0-9]*' "$work/emulator.out" >/dev/null 2>&1; do sleep 0.2; done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/emulator.out" | head -1)"
start="$(date -u -d "+${lead} seconds" +%Y-%m-%dT%H:%M:%SZ)"
echo "emulator $url; $shards shards start at $start; results in $work"
pids=()
for ((i = 0; i < shards; i++)); do
  "$here/tokenperf" @"$here/examples/shards-open-loop.args" --url "$url" --shard "$i/$shards" \
    --start-at "$start" --output-dir "$work/shard-$i" "$@" >"$work/shard-$i.out" 2>&1 &
  pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=$?; done
grep -h '^warning' "$work"/shard-*.out || true
if (( status != 0 )); then
  echo "a shard failed (exit $status): see $work/shard-*.out" >&2
  exit "$status"
fi
shard_dirs=()
for ((i = 0; i < shards; i++)); do shard_dirs+=("$work/shard-$i"); done
"$here/tokenperf" merge --concurrent "${shard_dirs[@]}" --output-dir "$work/merged"
