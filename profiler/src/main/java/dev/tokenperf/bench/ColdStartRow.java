package dev.tokenperf.bench;

import dev.tokenperf.reports.json.JsonNumbers;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.ClientJit;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one fresh {@code tokenperf profile} process cost and measured, in the cold-start benchmark.
 *
 * @param caseName              the {@link ColdStartCase}'s name
 * @param run                   which repetition of the case, from 1
 * @param requests              measured requests
 * @param chunks                content chunks of the measured requests
 * @param launchToFirstMillis   from the process's launch to the profile's start time (taken just before its first
 *                              request to the server, after the JVM's start, the client warmup and prompt building)
 * @param clientWarmupMillis    of which the client warmup (NaN when it was off)
 * @param wholeRunCpuMillis     CPU time (user and system) of the process over its whole life, or NaN
 * @param windowMillis          the measured window's duration
 * @param windowCpuMillis       the process's CPU time inside the measured window, or NaN
 * @param windowCompileMillis   JIT compilation inside the measured window
 * @param firstTtftBiasMillis   the TTFT of the run's first request to the server minus the server's truth: what the
 *                              first measured request of a run without {@code --warmup-request-count} reads
 * @param ttftBiasP50Millis     the median TTFT of the measured requests minus the truth
 * @param serverLateP50Millis   the median lateness of the emulator's own first chunks in the same run, or NaN
 * @param peakRssMib            the process's peak resident memory as last sampled, or NaN
 * @param clientLimited         whether the result was marked {@code client-limited}
 */
public record ColdStartRow(String caseName, int run, long requests, long chunks, double launchToFirstMillis,
                           double clientWarmupMillis, double wholeRunCpuMillis, double windowMillis,
                           double windowCpuMillis, double windowCompileMillis, double firstTtftBiasMillis,
                           double ttftBiasP50Millis, double serverLateP50Millis, double peakRssMib,
                           boolean clientLimited) {

    /**
     * The row of one process's result.
     *
     * @param launched       when the process was started
     * @param wholeCpuNanos  the process's whole CPU time, or a negative value when unknown
     * @param truthTtftNanos the emulator's configured TTFT
     */
    public static ColdStartRow of(String caseName, int run, Instant launched, RunResult result, long wholeCpuNanos,
                                  long truthTtftNanos, double serverLateP50Millis, double peakRssMib) {
        long requests = 0;
        long chunks = 0;
        long firstStart = Long.MAX_VALUE;
        double firstTtft = Double.NaN;
        long[] ttfts = new long[result.records().size()];
        int successes = 0;
        for (RequestRecord r : result.records()) {
            if (r.chunkCount() > 0 && r.startNanos() < firstStart) {
                firstStart = r.startNanos();
                firstTtft = ttftNanos(r);
            }
            if (!r.warmup()) {
                requests++;
                chunks += r.chunkCount();
                if (r.succeeded() && r.chunkCount() > 0) {
                    ttfts[successes++] = ttftNanos(r);
                }
            }
        }
        ClientHealth health = result.clientHealth();
        ClientJit jit = health == null ? ClientJit.UNMEASURED : health.jit();
        return new ColdStartRow(caseName, run, requests, chunks,
                Duration.between(launched, result.startTime()).toNanos() / 1e6, jit.warmupMillis(),
                wholeCpuNanos < 0 ? Double.NaN : wholeCpuNanos / 1e6, result.benchmarkDurationNanos() / 1e6,
                jit.measuredCpuMillis(), jit.measuredCompileMillis(), (firstTtft - truthTtftNanos) / 1e6,
                (median(ttfts, successes) - truthTtftNanos) / 1e6, serverLateP50Millis, peakRssMib,
                health != null && health.clientLimited());
    }

    private static long ttftNanos(RequestRecord r) {
        return r.chunkArrivalNanos()[0] - r.startNanos();
    }

    /** The median of the first {@code n} values (the mean of the middle two when n is even), NaN when n is 0. */
    static double median(long[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** CPU inside the measured window per content chunk, in µs (NaN without chunks or a CPU reading). */
    public double windowCpuMicrosPerChunk() {
        return chunks == 0 ? Double.NaN : windowCpuMillis * 1e3 / chunks;
    }

    /** Whole-run CPU per measured request, in ms. */
    public double wholeRunCpuMillisPerRequest() {
        return requests == 0 ? Double.NaN : wholeRunCpuMillis / requests;
    }

    /** The median TTFT bias beyond the emulator's own lateness: what the client and loopback add. */
    public double ttftBiasOverServerP50Millis() {
        return ttftBiasP50Millis - serverLateP50Millis;
    }

    public static String header() {
        return String.format(Locale.US, "%-9s %3s %8s %8s %10s %9s %9s %10s %9s %10s %9s %10s %10s %8s %7s %s",
                "case", "run", "requests", "chunks", "launch->1st", "warmup", "cpu", "cpu/req", "window",
                "win cpu", "jit", "cpu/chunk", "1st bias", "bias-srv", "rss", "limited");
    }

    public String row() {
        return String.format(Locale.US, "%-9s %3d %8d %8d %9.0fms %9s %8.2fs %8.2fms %7.0fms %8.0fms %7.0fms"
                        + " %8.1fus %8.3fms %6.3fms %5.0fMB %s", caseName, run, requests, chunks,
                launchToFirstMillis, Double.isNaN(clientWarmupMillis) ? "off"
                        : String.format(Locale.US, "%.0fms", clientWarmupMillis), wholeRunCpuMillis / 1e3, wholeRunCpuMillisPerRequest(),
                windowMillis, windowCpuMillis, windowCompileMillis, windowCpuMicrosPerChunk(), firstTtftBiasMillis,
                ttftBiasOverServerP50Millis(), peakRssMib, clientLimited ? "yes" : "no");
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", caseName);
        m.put("run", run);
        m.put("requests", requests);
        m.put("chunks", chunks);
        m.put("launch_to_first_request_ms", launchToFirstMillis);
        m.put("client_warmup_ms", JsonNumbers.nanAsNull(clientWarmupMillis));
        m.put("whole_run_cpu_ms", JsonNumbers.nanAsNull(wholeRunCpuMillis));
        m.put("whole_run_cpu_ms_per_request", JsonNumbers.nanAsNull(wholeRunCpuMillisPerRequest()));
        m.put("measured_window_ms", windowMillis);
        m.put("measured_window_cpu_ms", JsonNumbers.nanAsNull(windowCpuMillis));
        m.put("measured_window_cpu_us_per_chunk", JsonNumbers.nanAsNull(windowCpuMicrosPerChunk()));
        m.put("measured_window_compile_ms", JsonNumbers.nanAsNull(windowCompileMillis));
        m.put("first_request_ttft_bias_ms", JsonNumbers.nanAsNull(firstTtftBiasMillis));
        m.put("ttft_bias_p50_ms", JsonNumbers.nanAsNull(ttftBiasP50Millis));
        m.put("server_ttft_lateness_p50_ms", JsonNumbers.nanAsNull(serverLateP50Millis));
        m.put("ttft_bias_p50_over_server_ms", JsonNumbers.nanAsNull(ttftBiasOverServerP50Millis()));
        m.put("peak_rss_mib", JsonNumbers.nanAsNull(peakRssMib));
        m.put("client_limited", clientLimited);
        return m;
    }
}
