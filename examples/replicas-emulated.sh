#!/usr/bin/env bash
# Two emulators on 127.0.0.1 as two replicas of one model, the second slower (ITL 4 ms vs 2 ms), profiled in one
# run with examples/replicas-round-robin.args: each gets half the requests, and the URL table shows which one
# is slow. Against real replicas, pass their --url flags to that .args file instead (README "Several servers").
# Usage: examples/replicas-emulated.sh [PROFILE_FLAGS...]   (e.g. --url-strategy random --random-seed 7)
# Results stay in $TOKENPERF_REPLICAS_DIR (default: a new temporary directory).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${TOKENPERF_REPLICAS_DIR:-$(mktemp -d)}"
mkdir -p "$work"
"$here/tokenperf" emulate --port 0 --ttft-ms 20 --itl-ms 2 >"$work/replica-a.out" 2>&1 &
a=$!
"$here/tokenperf" emulate --port 0 --ttft-ms 20 --itl-ms 4 >"$work/replica-b.out" 2>&1 &
b=$!
trap 'kill $a $b 2>/dev/null || true' EXIT
url_of() {
  until grep -o 'http://127.0.0.1:[0-9]*' "$1" >/dev/null 2>&1; do sleep 0.2; done
  grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -1
}
url_a="$(url_of "$work/replica-a.out")"
url_b="$(url_of "$work/replica-b.out")"
echo "replicas $url_a (itl 2 ms) and $url_b (itl 4 ms); results in $work/run"
"$here/tokenperf" @"$here/examples/replicas-round-robin.args" --url "$url_a" --url "$url_b" \
  --output-dir "$work/run" "$@"
