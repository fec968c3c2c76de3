package dev.tokenperf.bench;

import dev.tokenperf.reports.json.JsonNumbers;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of one load step of the capacity search.
 *
 * @param mode              {@code concurrency} or {@code request_rate}
 * @param load              the concurrency or the target rate
 * @param requests          measured requests that ended
 * @param errors            of which failed
 * @param requestsPerSecond achieved request throughput
 * @param chunksPerSecond   streamed content chunks received per second
 * @param scheduleLagP99Ms  p99 schedule lag (0 in closed loop)
 * @param eventLoopLagP99Ms p99 lateness of the client event-loop probe
 * @param ttftBiasP50Ms     median of measured TTFT minus the emulator's configured TTFT
 * @param ttftBiasP99Ms     p99 of the same
 * @param itlBiasP50Ms      median of measured ITL minus the configured ITL
 * @param itlBiasP99Ms      p99 of the same
 * @param cpuMicrosPerChunk client CPU per received chunk (see {@link CpuMeter})
 * @param cpuMicrosPerRequest client CPU per request
 * @param serverTtftLateP50Ms median lateness of the emulator's own first content chunks (the server's share of
 *                            the TTFT bias; NaN when the server does not report it)
 * @param serverTtftLateP99Ms p99 of the same
 * @param serverChunkLateP99Ms p99 lateness of the emulator's later content chunks (its share of the ITL bias)
 * @param emulatorCpuMicrosPerChunk the emulator's CPU per chunk it streamed (NaN when it is not ours to measure)
 * @param sustained         true when the step met the lag budget with no errors (and, open loop, 95 % of the rate)
 */
public record BenchStep(String mode, double load, long requests, long errors, double requestsPerSecond,
                 double chunksPerSecond, double scheduleLagP99Ms, double eventLoopLagP99Ms, double ttftBiasP50Ms,
                 double ttftBiasP99Ms, double itlBiasP50Ms, double itlBiasP99Ms, double cpuMicrosPerChunk,
                 double cpuMicrosPerRequest, double serverTtftLateP50Ms, double serverTtftLateP99Ms,
                 double serverChunkLateP99Ms, double emulatorCpuMicrosPerChunk, boolean sustained) {

    public static String header() {
        return String.format(Locale.US, "%-13s %7s %8s %6s %9s %10s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s %9s %s",
                "mode", "load", "requests", "errors", "req/s", "chunks/s", "schedP99", "loopP99", "ttftB50",
                "ttftB99", "itlB50", "itlB99", "cpu/chunk", "cpu/req", "srvTtft50", "srvTtft99", "srvChk99",
                "emu/chunk", "sustained");
    }

    public String row() {
        return String.format(Locale.US, "%-13s %7.0f %8d %6d %9.1f %10.0f %9.3f %9.3f %9.3f %9.3f %9.3f %9.3f %7.1fus"
                        + " %7.0fus %9.3f %9.3f %9.3f %7.1fus %s", mode, load, requests, errors, requestsPerSecond,
                chunksPerSecond, scheduleLagP99Ms, eventLoopLagP99Ms, ttftBiasP50Ms, ttftBiasP99Ms, itlBiasP50Ms,
                itlBiasP99Ms, cpuMicrosPerChunk, cpuMicrosPerRequest, serverTtftLateP50Ms, serverTtftLateP99Ms,
                serverChunkLateP99Ms, emulatorCpuMicrosPerChunk, sustained ? "yes" : "no");
    }

    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode);
        m.put("load", load);
        m.put("requests", requests);
        m.put("errors", errors);
        m.put("requests_per_s", requestsPerSecond);
        m.put("chunks_per_s", chunksPerSecond);
        m.put("schedule_lag_p99_ms", scheduleLagP99Ms);
        m.put("event_loop_lag_p99_ms", eventLoopLagP99Ms);
        m.put("ttft_bias_p50_ms", ttftBiasP50Ms);
        m.put("ttft_bias_p99_ms", ttftBiasP99Ms);
        m.put("itl_bias_p50_ms", itlBiasP50Ms);
        m.put("itl_bias_p99_ms", itlBiasP99Ms);
        m.put("cpu_us_per_chunk", cpuMicrosPerChunk);
        m.put("cpu_us_per_request", cpuMicrosPerRequest);
        m.put("server_ttft_lateness_p50_ms", JsonNumbers.nanAsNull(serverTtftLateP50Ms));
        m.put("server_ttft_lateness_p99_ms", JsonNumbers.nanAsNull(serverTtftLateP99Ms));
        m.put("server_chunk_lateness_p99_ms", JsonNumbers.nanAsNull(serverChunkLateP99Ms));
        m.put("emulator_cpu_us_per_chunk", JsonNumbers.nanAsNull(emulatorCpuMicrosPerChunk));
        m.put("sustained", sustained);
        return m;
    }
}
