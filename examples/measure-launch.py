#!/usr/bin/env python3
"""Launch-to-first-request, whole-run CPU and peak RSS of fresh `tokenperf profile` processes, per JVM option set.

Starts one emulator, then runs `java OPTS -jar JAR profile ...` RUNS times for each option set (interleaved, so
machine load affects every set alike) and prints the medians with the load average. Launch to first request is
the profile's `start_time` (taken just before its first request to the target, after the client warmup) minus
the moment this script launched it. CPU is user+sys of the profile process (its rusage), RSS its peak.

Usage: examples/measure-launch.py JAR RUNS 'OPTS A' 'OPTS B' ... [-- PROFILE_FLAGS...]
"""
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    jar, runs = sys.argv[1], int(sys.argv[2])
    rest = sys.argv[3:]
    flags = rest[rest.index('--') + 1:] if '--' in rest else []
    option_sets = rest[:rest.index('--')] if '--' in rest else rest
    work = tempfile.mkdtemp()
    emulator = subprocess.Popen(['java', '-jar', jar, 'emulate', '--port', '0', '--ttft-ms', '10', '--itl-ms', '2'],
                                stdout=subprocess.PIPE, text=True)
    try:
        url = re.search(r'http://127\.0\.0\.1:\d+', emulator.stdout.readline()).group(0)
        results = {opts: [] for opts in option_sets}
        for i in range(runs):
            for opts in option_sets:
                out = os.path.join(work, f'run{i}-{abs(hash(opts))}')
                cmd = ['java', *opts.split(), '-jar', jar, 'profile', '--url', url, '--model', 'm', '--streaming',
                       '-q', '--output-dir', out, *flags]
                launched = time.time()
                child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _, status, usage = os.wait4(child.pid, 0)
                with open(os.path.join(out, 'profile_export_aiperf.json')) as f:
                    summary = json.load(f)
                start = datetime.datetime.fromisoformat(summary['start_time'].replace('Z', '+00:00')[:26] + '+00:00')
                results[opts].append((start.timestamp() - launched, usage.ru_utime + usage.ru_stime,
                                      usage.ru_maxrss / 1024, summary['client_health'].get('measured_compile_ms')))
        load = open('/proc/loadavg').read().split()[0]
        print(f'{runs} runs each, flags {" ".join(flags)}, load average {load}')
        for opts, rows in results.items():
            med = [statistics.median(r[k] for r in rows) for k in range(3)]
            jit = statistics.median(r[3] for r in rows if r[3] is not None) if rows[0][3] is not None else float('nan')
            print(f'  {opts or "(none)":60s} launch->first request {med[0]:.2f} s, CPU {med[1]:.2f} s, '
                  f'RSS {med[2]:.0f} MB, JIT in window {jit:.0f} ms')
    finally:
        emulator.kill()


if __name__ == '__main__':
    main()
