#!/usr/bin/env bash
# Idle CPU of a `tokenperf profile` process while it waits on a slow server (a 30 s time to first token):
# starts an emulator, launches the profile, waits until it is sending, then sums the CPU time of all of the
# profile's threads (/proc/PID/task/*/schedstat, in ns) over SECONDS and prints milliseconds of CPU per second,
# in total and for each thread that used any.
# Usage: examples/measure-idle-cpu.sh [JAR] [SECONDS] [PROFILE_FLAGS...]   (JAR: profiler/target/tokenperf.jar)
# TOKENPERF_JAVA_OPTS is passed to the profile's JVM, so launcher options can be compared.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${1:-$here/profiler/target/tokenperf.jar}"
seconds="${2:-10}"
shift $(( $# > 2 ? 2 : $# ))
work="$(mktemp -d)"
java -jar "$jar" emulate --port 0 --ttft-ms 30000 >"$work/emulator.out" 2>&1 &
emulator=$!
trap 'kill $emulator ${profile:-} 2>/dev/null || true; rm -rf "$work"' EXIT
until grep -o 'http://127.0.0.1:[0-9]*' "$work/emulator.out" >/dev/null 2>&1; do sleep 0.2; done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/emulator.out" | head -1)"
java ${TOKENPERF_JAVA_OPTS:-} -jar "$jar" profile --url "$url" --model m --streaming --concurrency 1 \
  --request-count 1 -q --output-dir "$work/out" "$@" >"$work/profile.out" 2>&1 &
profile=$!
until grep -q '^profiling' "$work/profile.out" 2>/dev/null; do sleep 0.2; done
sleep 15 # past the client warmup's compilation and the first request's send: now only waiting
threads() { for t in /proc/"$profile"/task/*; do echo "${t##*/} $(cut -d' ' -f1 "$t/schedstat") $(tr ' ' _ <"$t/comm")"; done; }
threads >"$work/before"
sleep "$seconds"
threads >"$work/after"
join <(sort "$work/before") <(sort "$work/after") | awk -v s="$seconds" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
  { d = ($4 - $2) / 1e6 / s; total += d; if (d >= 0.01) printf "  %-28s %7.2f ms/s\n", $3, d }
  END { printf "idle CPU: %.2f ms per second over %d s (load average %s)\n", total, s, load }'
