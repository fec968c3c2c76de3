#!/usr/bin/env bash
# Predict, then measure, pool sizes included: a request-rate sweep (10/s, then 300/s, far past saturation)
# against the emulator serving examples/simulate-from-sweep.yaml, then `simulate --from` that sweep: r_p and r_d
# fitted to its lowest rate, the decode pool's size from the throughput its top rate saturates at, the prefill
# pool's lower bound, and the simulated rate sweep with them. Usage: examples/simulate-from-sweep.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-artifacts/simulate-from-sweep}"
rm -rf "$out"
./tokenperf profile --emulate --emulator-config examples/simulate-from-sweep.yaml --streaming --quiet \
  --request-rate 10,300 --request-count 100 --isl 1000 --isl-stddev 400 --osl 50 --output-dir "$out/sweep"
./tokenperf simulate --from "$out/sweep" --decode-max-batch 4 --mode disagg --rates 20,40,60,70,80,100 \
  --sim-seconds 120 --warmup-seconds 10 --output-dir "$out/simulated"
