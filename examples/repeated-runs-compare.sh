#!/usr/bin/env bash
# Two server configurations, three runs each, compared by their aggregates: the emulator's gap between tokens
# 5 ms against 6 ms. compare prints each statistic's mean across runs, tests per-request metrics over every run's
# requests and run-level metrics (throughputs, errors) across runs (Welch t); gate judges the interval's worse
# bound; plot draws each run with the mean and its interval.
# Usage: examples/repeated-runs-compare.sh [WORK_DIR]   (default: a new temporary directory)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
"$here/tokenperf" @"$here/examples/repeated-runs-emulated.args" --quiet --itl-ms 5 --output-dir "$work/itl5" >/dev/null
"$here/tokenperf" @"$here/examples/repeated-runs-emulated.args" --quiet --itl-ms 6 --output-dir "$work/itl6" >/dev/null
"$here/tokenperf" compare "$work/itl5" "$work/itl6"
"$here/tokenperf" gate "$work/itl6" --gate 'itl.p50<+10%' --baseline "$work/itl5" || echo "gate exit code: $?"
"$here/tokenperf" plot "$work/itl6"
