package dev.tokenperf.reports.load;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.aggregate.AcrossRuns;
import dev.tokenperf.reports.aggregate.RunAggregate;
import dev.tokenperf.reports.resultdir.HistogramLogFile;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.record.ClientHealth;
import dev.tokenperf.reports.record.ClientJit;
import dev.tokenperf.reports.record.ErrorKind;
import dev.tokenperf.reports.record.GpuEnergy;
import dev.tokenperf.reports.record.RecordSpill;
import dev.tokenperf.reports.record.RequestError;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RequestRecords;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.record.StopReason;
import dev.tokenperf.reports.record.StopReport;
import dev.tokenperf.reports.summary.RunSummarizer;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a result directory ({@link ResultFiles}: {@code profile_export_aiperf.json}, {@code profile_export.jsonl},
 * {@code histograms.hlog}) so that merge, compare, gate and plot work from files only; a gate whose checks
 * need only statistics reads {@code profile_export_aiperf.json} alone ({@link #readSummary}). A directory without
 * {@code histograms.hlog} still loads: its histograms are rebuilt from the records.
 */
public final class ResultReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultReader() {
    }

    /** Reads {@code profile_export_aiperf.json} only, for questions its statistics answer. */
    public static SavedSummary readSummary(Path dir) throws ResultFormatException {
        if (!Files.isDirectory(dir)) {
            throw new ResultFormatException(dir + " is not a result directory");
        }
        return new SavedSummary(dir, summaryJson(ResultFiles.summaryJson(dir)));
    }

    /**
     * Reads a directory that may hold repeated runs: with {@link ResultFiles#AGGREGATE_JSON}, the aggregate and each
     * run it names under {@link ResultFiles#PROFILE_RUNS_DIR}; otherwise the one result ({@link #read}).
     */
    public static SavedRuns readRuns(Path dir) throws ResultFormatException {
        if (!ResultFiles.isRepeatedRuns(dir)) {
            return SavedRuns.of(read(dir));
        }
        RunAggregate aggregate = readAggregate(dir);
        List<SavedResult> runs = new ArrayList<>();
        for (String run : aggregate.runs()) {
            runs.add(read(dir.resolve(ResultFiles.PROFILE_RUNS_DIR).resolve(run)));
        }
        return new SavedRuns(dir, runs, aggregate);
    }

    /** Reads repeated runs' {@link ResultFiles#AGGREGATE_JSON} back, as {@code AggregateWriter} wrote it. */
    public static RunAggregate readAggregate(Path dir) throws ResultFormatException {
        Path file = dir.resolve(ResultFiles.AGGREGATE_JSON);
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new ResultFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> runs = new ArrayList<>();
        root.path("runs").forEach(run -> runs.add(run.asText()));
        if (runs.size() < 2 || !root.path("metrics").isObject()) {
            throw new ResultFormatException(file + " is not a repeated-runs aggregate (needs runs and metrics)");
        }
        Map<String, Map<String, AcrossRuns>> metrics = new LinkedHashMap<>();
        root.path("metrics").fields().forEachRemaining(metric -> {
            Map<String, AcrossRuns> stats = new LinkedHashMap<>();
            metric.getValue().fields().forEachRemaining(stat -> {
                JsonNode a = stat.getValue();
                stats.put(stat.getKey(), new AcrossRuns(a.path("runs").asInt(runs.size()), number(a, "mean"),
                        number(a, "std"), number(a, "cv"), number(a, "ci_low"), number(a, "ci_high")));
            });
            metrics.put(metric.getKey(), stats);
        });
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new RunAggregate(runs, root.path("confidence_level").asDouble(Double.NaN), metrics, warnings);
    }

    /** The result's time slices, in order; empty when it was not run with {@code --slice-duration}. */
    public static List<SavedSlice> readSlices(Path dir) throws ResultFormatException {
        Path file = dir.resolve(ResultFiles.TIMESLICES_JSON);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<SavedSlice> slices = new ArrayList<>();
        try {
            for (JsonNode slice : MAPPER.readTree(file.toFile()).path("timeslices")) {
                slices.add(new SavedSlice(slice.path("timeslice_index").asInt(), slice.path("start_s").asDouble(),
                        slice.path("empty").asBoolean(false), slice));
            }
        } catch (IOException e) {
            throw new ResultFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return slices;
    }

    /** Reads the whole directory: {@code profile_export_aiperf.json}, every record and the histograms. */
    public static SavedResult read(Path dir) throws ResultFormatException {
        JsonNode summary = readSummary(dir).summary();
        RequestRecords records = readRecords(ResultFiles.recordsJsonl(dir));
        RunResult result = new RunResult(summary.path("tool_version").asText("unknown"),
                MAPPER.convertValue(summary.path("input_config"), new TypeReference<LinkedHashMap<String, Object>>() {
                }), instant(summary, "start_time", dir), instant(summary, "end_time", dir),
                Math.round(summary.path("benchmark_duration").path("avg").asDouble(0) * 1e9),
                summary.path("input_config").path("endpoint").path("streaming").asBoolean(false),
                summary.path("was_cancelled").asBoolean(false), records, clientHealth(summary.path("client_health")),
                stop(summary.path("stop")), null, gpuEnergy(summary.path("gpu_telemetry")));
        Path hlog = dir.resolve(ResultFiles.HISTOGRAMS_HLOG);
        Map<String, Histogram> histograms;
        try {
            histograms = Files.exists(hlog) ? HistogramLogFile.read(hlog)
                    : RunSummarizer.summarize(result).histograms();
        } catch (IOException e) {
            throw new ResultFormatException(e.getMessage(), e);
        }
        return new SavedResult(dir, summary, result, histograms);
    }

    private static JsonNode summaryJson(Path file) throws ResultFormatException {
        if (!Files.isRegularFile(file)) {
            throw new ResultFormatException(file + " is missing: not a tokenperf result directory");
        }
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (node == null || !node.isObject() || !node.has("input_config")) {
                throw new ResultFormatException(file + " is not a tokenperf summary (no input_config)");
            }
            return node;
        } catch (ResultFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ResultFormatException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** {@code client_health} as written by {@link ClientHealth#asExportMap()}, or null when absent. */
    private static ClientHealth clientHealth(JsonNode h) {
        if (!h.isObject()) {
            return null;
        }
        return new ClientHealth(h.path("mode").asText("concurrency"), number(h, "target_request_rate"),
                number(h, "achieved_request_rate"), h.path("concurrency_capped").asBoolean(false),
                number(h, "schedule_lag_p99_ms"), number(h, "send_lag_p99_ms"), number(h, "event_loop_lag_p99_ms"),
                number(h, "event_loop_lag_max_ms"), h.path("gc_pauses").asLong(0), number(h, "gc_pause_ms"),
                h.path("max_open_connections").asInt(0), number(h, "lag_budget_ms"), jit(h));
    }

    /** The JIT's part of {@code client_health} ({@link ClientJit}); unmeasured in results older than it. */
    private static ClientJit jit(JsonNode h) {
        return h.has("measured_compile_ms") ? new ClientJit(number(h, "client_warmup_ms"),
                number(h, "client_warmup_compile_ms"), number(h, "measured_compile_ms"),
                number(h, "measured_window_ms"), number(h, "measured_cpu_ms")) : ClientJit.UNMEASURED;
    }

    /** {@code stop} as written by {@link StopReport#asExportMap()}, or null when absent. */
    private static StopReport stop(JsonNode s) {
        if (!s.isObject()) {
            return null;
        }
        return new StopReport(StopReason.parse(s.path("reason").asText("")), number(s, "grace_period_s"),
                s.path("finished_in_grace").asLong(0), s.path("cut_at_grace").asLong(0),
                s.path("message").isTextual() ? s.path("message").asText() : null);
    }

    /** {@code gpu_telemetry} as written by {@link GpuEnergy#asExportMap()}, or NONE when absent. */
    private static GpuEnergy gpuEnergy(JsonNode e) {
        if (!e.isObject()) {
            return GpuEnergy.NONE;
        }
        List<GpuEnergy.Gpu> gpus = new ArrayList<>();
        for (JsonNode g : e.path("gpus")) {
            gpus.add(new GpuEnergy.Gpu(g.path("gpu").asText(), number(g, "joules"), g.path("from_counter").asBoolean(),
                    number(g, "peak_watts"), number(g, "seconds")));
        }
        List<GpuEnergy.Sample> samples = new ArrayList<>();
        JsonNode nanos = e.path("sample_ns");
        for (int i = 0; i < nanos.size(); i++) {
            samples.add(new GpuEnergy.Sample(nanos.get(i).asLong(), e.path("sample_joules").path(i).asDouble(Double.NaN),
                    e.path("sample_watts").path(i).asDouble(Double.NaN)));
        }
        return new GpuEnergy(gpus, number(e, "grid_intensity_g_per_kwh"), samples);
    }

    /** A number field, NaN when it is null or missing (JSON has no NaN: the writer stores null). */
    private static double number(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static Instant instant(JsonNode summary, String key, Path dir) throws ResultFormatException {
        try {
            return Instant.parse(summary.path(key).asText());
        } catch (DateTimeParseException e) {
            throw new ResultFormatException(ResultFiles.summaryJson(dir) + ": " + key
                    + " is not an ISO-8601 instant");
        }
    }

    /**
     * A result's {@code profile_export.jsonl} alone, for questions its records answer. Checks every line and hands
     * the records to a spill, so a result of a million requests loads in little heap.
     */
    public static RequestRecords readRecords(Path file) throws ResultFormatException {
        if (!Files.isRegularFile(file)) {
            throw new ResultFormatException(file + " is missing: not a tokenperf result directory");
        }
        try (RecordSpill records = RecordSpill.open();
             BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    records.accept(record(MAPPER.readTree(line)));
                } catch (IOException | RuntimeException e) {
                    throw new ResultFormatException(file + " line " + lineNumber + ": not a tokenperf record ("
                            + e.getMessage() + ")", e);
                }
            }
            return records.finish();
        } catch (IOException e) {
            if (e instanceof ResultFormatException r) {
                throw r;
            }
            throw new ResultFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static RequestRecord record(JsonNode json) {
        JsonNode meta = json.path("metadata");
        JsonNode tokens = json.path("tokens");
        long start = required(meta, "request_start_ns").asLong();
        long[] chunks = longs(json.path("chunk_arrival_ns"));
        long[] reads = json.has("chunk_read_indexes") ? longs(json.path("chunk_read_indexes")) : null;
        JsonNode errorNode = json.path("error");
        RequestError error = null;
        if (errorNode.isObject()) {
            error = new RequestError(errorKind(errorNode.path("type").asText()), errorNode.path("code").asInt(0),
                    errorNode.path("message").asText(""),
                    errorNode.has("retry_after_s") ? Math.round(errorNode.path("retry_after_s").asDouble() * 1000) : -1);
        }
        return new RequestRecord(meta.path("session_num").asInt(), required(meta, "x_request_id").asText(),
                "warmup".equals(meta.path("benchmark_phase").asText()), meta.path("streaming").asBoolean(),
                meta.path("request_intended_start_ns").asLong(start), start, required(meta, "request_end_ns").asLong(),
                chunks, reads, tokens.path("server_input").asInt(-1), tokens.path("server_output").asInt(-1),
                tokens.path("requested_input").asInt(-1), tokens.path("requested_output").asInt(-1), "", error,
                tokens.path("reasoning_chunks").asInt(0), tokens.path("server_reasoning").asInt(-1),
                meta.path("session_id").isTextual() ? meta.get("session_id").asText() : null,
                meta.path("session_id").isTextual() ? meta.path("turn_index").asInt() : -1,
                tokens.path("cached_tokens").asInt(-1),
                meta.path("model").isTextual() ? meta.get("model").asText() : null,
                meta.path("url").isTextual() ? meta.get("url").asText() : null);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("metadata." + field + " is missing");
        }
        return value;
    }

    private static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static ErrorKind errorKind(String tag) {
        for (ErrorKind kind : ErrorKind.values()) {
            if (kind.tag().equals(tag)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown error type '" + tag + "'");
    }
}
