package dev.tokenperf.bench;

import dev.tokenperf.load.LoadCounters;
import dev.tokenperf.profile.ProfileRunner;
import dev.tokenperf.reports.plan.RunPlan;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.workloads.prompt.PromptSet;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whether the profiler's heap grows with the number of requests: one closed-loop run of {@code requests}
 * requests, during which a watcher thread forces a full GC each time another tenth of them has finished and
 * reads the heap left in use; then the same with the run's result still referenced (what a finished run keeps).
 * A flat series means nothing is kept per request. The forced GCs stall the run; no timing is reported here.
 */
public final class HeapProfile {
    private static final int MILESTONES = 10;
    private static final long WATCH_INTERVAL_MILLIS = 20;

    private final PromptSet prompts;
    private final PrintWriter out;

    public HeapProfile(PromptSet prompts, PrintWriter out) {
        this.prompts = prompts;
        this.out = out;
    }

    /** Runs {@code plan} (its request count is the run's size) and returns the heap series as a JSON map. */
    public Map<String, Object> run(RunPlan plan) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long requests = plan.stop().requestCount();
        long before = usedAfterGc(memory);
        LoadCounters counters = new LoadCounters();
        List<long[]> samples = new ArrayList<>();
        Thread watcher = new Thread(() -> watch(counters, requests, memory, samples), "tokenperf-heap-watch");
        watcher.setDaemon(true);
        watcher.start();
        long startNanos = System.nanoTime();
        RunResult result = new ProfileRunner().run(plan, ClientBench.inputs(prompts), counters);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        watcher.interrupt();
        watcher.join();
        long withResult = usedAfterGc(memory);
        int recorded = result.records().size();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("requests", recorded);
        row.put("concurrency", plan.load().concurrency());
        row.put("seconds", seconds);
        row.put("heap_before_mib", mib(before));
        List<Map<String, Object>> series = new ArrayList<>();
        synchronized (samples) {
            for (long[] s : samples) {
                series.add(Map.of("requests_done", s[0], "heap_after_gc_mib", mib(s[1])));
            }
        }
        row.put("during_run", series);
        row.put("heap_after_run_with_result_mib", mib(withResult));
        if (series.size() >= 2) {
            long[] first = samples.get(0);
            long[] last = samples.get(samples.size() - 1);
            row.put("growth_bytes_per_request", (last[1] - first[1]) / (double) Math.max(1, last[0] - first[0]));
        }
        out.printf(Locale.US, "  heap: %d requests at concurrency %d in %.0f s; before %.1f MiB, during the run %s, "
                        + "after it with the result held %.1f MiB%n", recorded, plan.load().concurrency(), seconds,
                mib(before), describe(series), mib(withResult));
        out.flush();
        return row;
    }

    /** Forces a GC at each tenth of the run and records (requests done, heap in use after it). */
    private static void watch(LoadCounters counters, long requests, MemoryMXBean memory, List<long[]> samples) {
        long step = Math.max(1, requests / MILESTONES);
        long next = step;
        try {
            while (next <= requests) {
                long done = counters.done();
                if (done >= next) {
                    long used = usedAfterGc(memory);
                    synchronized (samples) {
                        samples.add(new long[] {done, used});
                    }
                    next = (done / step + 1) * step;
                } else {
                    Thread.sleep(WATCH_INTERVAL_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(List<Map<String, Object>> series) {
        if (series.isEmpty()) {
            return "not sampled";
        }
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> s : series) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.US, "%.1f MiB at %d",
                    (Double) s.get("heap_after_gc_mib"), (Long) s.get("requests_done")));
        }
        return text.toString();
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    @SuppressWarnings("java:S1215") // an explicit GC is the point: heap after GC is the figure
    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
