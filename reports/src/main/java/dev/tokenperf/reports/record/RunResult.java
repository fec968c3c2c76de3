package dev.tokenperf.reports.record;


import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one benchmark run produced: its configuration, its timing window and every request record
 * (which may live on disk: see {@link RequestRecords}).
 * Reports, exports, comparisons and gates are all computed from this, never from the network.
 *
 * @param toolVersion             tokenperf's version
 * @param configuration           the run's settings, already stripped of secrets
 * @param startTime               wall-clock start, used only as a label
 * @param endTime                 wall-clock end, used only as a label
 * @param benchmarkDurationNanos  from the first request of the measured phase to the end of its last response
 * @param streaming               whether the run asked for SSE streams
 * @param cancelled               true when the run was interrupted before its stop condition
 * @param records                 every request, warmup included (flagged), in completion order
 * @param clientHealth            the load generator's own health during the measured phase, or null
 * @param stop                    why and how the measured phase stopped, or null
 * @param serverEvidence          what the server reported about the run (stage reports, its histograms)
 * @param gpuEnergy               the GPUs' energy over the measured window ({@code --gpu-telemetry}), or NONE
 */
public record RunResult(
        String toolVersion,
        Map<String, Object> configuration,
        Instant startTime,
        Instant endTime,
        long benchmarkDurationNanos,
        boolean streaming,
        boolean cancelled,
        RequestRecords records,
        ClientHealth clientHealth,
        StopReport stop,
        ServerEvidence serverEvidence,
        GpuEnergy gpuEnergy) {

    /** The configuration key under which a merged result describes how it was merged (see {@code merge}). */
    public static final String MERGED_KEY = "merged";

    public RunResult {
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        records = records == null ? RequestRecords.EMPTY : records;
        serverEvidence = serverEvidence == null ? ServerEvidence.NONE : serverEvidence;
        gpuEnergy = gpuEnergy == null ? GpuEnergy.NONE : gpuEnergy;
    }

    /** A result without GPU energy. */
    public RunResult(String toolVersion, Map<String, Object> configuration, Instant startTime, Instant endTime,
                     long benchmarkDurationNanos, boolean streaming, boolean cancelled, RequestRecords records,
                     ClientHealth clientHealth, StopReport stop, ServerEvidence serverEvidence) {
        this(toolVersion, configuration, startTime, endTime, benchmarkDurationNanos, streaming, cancelled, records,
                clientHealth, stop, serverEvidence, GpuEnergy.NONE);
    }

    /** A result without client health, stop report or server evidence (e.g. rebuilt from records alone). */
    public RunResult(String toolVersion, Map<String, Object> configuration, Instant startTime, Instant endTime,
                     long benchmarkDurationNanos, boolean streaming, boolean cancelled, List<RequestRecord> records) {
        this(toolVersion, configuration, startTime, endTime, benchmarkDurationNanos, streaming, cancelled,
                RequestRecords.of(records), null, null, ServerEvidence.NONE);
    }

    /** A result whose records are held in memory. */
    public RunResult(String toolVersion, Map<String, Object> configuration, Instant startTime, Instant endTime,
                     long benchmarkDurationNanos, boolean streaming, boolean cancelled, List<RequestRecord> records,
                     ClientHealth clientHealth, StopReport stop, ServerEvidence serverEvidence) {
        this(toolVersion, configuration, startTime, endTime, benchmarkDurationNanos, streaming, cancelled,
                RequestRecords.of(records), clientHealth, stop, serverEvidence);
    }

    /** The same run with the server's evidence attached. */
    public RunResult withServerEvidence(ServerEvidence evidence) {
        return new RunResult(toolVersion, configuration, startTime, endTime, benchmarkDurationNanos, streaming,
                cancelled, records, clientHealth, stop, evidence, gpuEnergy);
    }

    /** The same run with its GPU energy attached. */
    public RunResult withGpuEnergy(GpuEnergy energy) {
        return new RunResult(toolVersion, configuration, startTime, endTime, benchmarkDurationNanos, streaming,
                cancelled, records, clientHealth, stop, serverEvidence, energy);
    }

    /** The same result with another configuration (e.g. completed with what the workload recorded). */
    public RunResult withConfiguration(Map<String, Object> newConfiguration) {
        return new RunResult(toolVersion, newConfiguration, startTime, endTime, benchmarkDurationNanos, streaming,
                cancelled, records, clientHealth, stop, serverEvidence, gpuEnergy);
    }

    /** The records that statistics are computed over: every non-warmup request. */
    public RequestRecords measuredRecords() {
        return records.measured();
    }
}
