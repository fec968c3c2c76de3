package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.record.RequestRecord;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static dev.tokenperf.reports.metrics.Direction.HIGHER_IS_BETTER;
import static dev.tokenperf.reports.metrics.Direction.LOWER_IS_BETTER;
import static dev.tokenperf.reports.metrics.Direction.NEUTRAL;

/**
 * The one list of every metric tokenperf reports, as data: tag, header, unit, direction, formula and
 * {@link MetricSource source}. Each metric is computed here and only here (TTFT in {@link #ttftNanos}, ...);
 * the one pass that summarises a run, tables, exports, comparisons and gates iterate {@link #all()}. Tags and
 * units follow aiperf so users' scripts carry over. The goodput metrics ({@link MetricSource#SLOS}) have values
 * only in runs with SLOs (see {@link Goodput}).
 */
public final class MetricRegistry {

    public static final MetricDefinition TIME_TO_FIRST_TOKEN = MetricDefinition.perRequest(
            "time_to_first_token", "Time to First Token", Unit.MS, LOWER_IS_BETTER,
            "first content chunk arrival - request start", true,
            (r, sink) -> {
                if (r.chunkCount() >= 1) {
                    sink.accept(ttftNanos(r));
                }
            });

    public static final MetricDefinition TIME_TO_SECOND_TOKEN = MetricDefinition.perRequest(
            "time_to_second_token", "Time to Second Token", Unit.MS, LOWER_IS_BETTER,
            "second content chunk arrival - first content chunk arrival", true,
            (r, sink) -> {
                if (r.chunkCount() >= 2) {
                    sink.accept(ttstNanos(r));
                }
            });

    /** When a reasoning model's answer starts; without reasoning it would equal TTFT, so it is left out. */
    public static final MetricDefinition TIME_TO_FIRST_OUTPUT_TOKEN = MetricDefinition.perRequest(
            "time_to_first_output_token", "Time to First Output Token", Unit.MS, LOWER_IS_BETTER,
            "first answer (non-reasoning) chunk arrival - request start, streamed requests with reasoning", true,
            (r, sink) -> {
                if (r.reasoningChunks() > 0 && r.chunkCount() > r.reasoningChunks()) {
                    sink.accept(ttfoNanos(r));
                }
            });

    public static final MetricDefinition STEADY_INTER_CHUNK_GAP = MetricDefinition.perRequest(
            "steady_inter_chunk_gap", "Steady Inter Chunk Gap", Unit.MS, LOWER_IS_BETTER,
            "median of the inter-chunk gaps after the second content chunk, requests with >= 3 chunks", true,
            (r, sink) -> {
                if (r.chunkCount() >= 3) {
                    sink.accept(steadyGapNanos(r));
                }
            });

    public static final MetricDefinition INTER_TOKEN_LATENCY = MetricDefinition.perRequest(
            "inter_token_latency", "Inter Token Latency", Unit.MS, LOWER_IS_BETTER,
            "(request latency - TTFT) / (output tokens - 1), requests with >= 2 tokens", true,
            (r, sink) -> {
                if (hasItl(r)) {
                    sink.accept(Math.round(itlNanos(r)));
                }
            });

    public static final MetricDefinition INTER_CHUNK_LATENCY = MetricDefinition.perRequest(
            "inter_chunk_latency", "Inter Chunk Latency", Unit.MS, LOWER_IS_BETTER,
            "arrival of content chunk i - arrival of content chunk i-1, every gap", true,
            (r, sink) -> {
                long[] t = r.chunkArrivalNanos();
                for (int i = 1; i < t.length; i++) {
                    sink.accept(t[i] - t[i - 1]);
                }
            });

    public static final MetricDefinition OUTPUT_TOKEN_THROUGHPUT_PER_USER = MetricDefinition.perRequest(
            "output_token_throughput_per_user", "Output Token Throughput Per User", Unit.TOKENS_PER_SEC_PER_USER,
            HIGHER_IS_BETTER, "1 / inter token latency", true,
            (r, sink) -> {
                if (hasItl(r)) {
                    double itl = itlNanos(r);
                    if (itl > 0) {
                        sink.accept(Math.round(1e12 / itl)); // milli-tokens per second
                    }
                }
            });

    public static final MetricDefinition REQUEST_LATENCY = MetricDefinition.perRequest(
            "request_latency", "Request Latency", Unit.MS, LOWER_IS_BETTER,
            "last response byte arrival - request start", false,
            (r, sink) -> sink.accept(r.latencyNanos()));

    public static final MetricDefinition SCHEDULE_LAG = MetricDefinition.perRequest(
            "schedule_lag", "Schedule Lag", Unit.MS, LOWER_IS_BETTER,
            "request start - intended start (0 in closed loop, where the intended start is the actual one)", false,
            (r, sink) -> sink.accept(r.startNanos() - r.intendedStartNanos()));

    public static final MetricDefinition RESPONSE_TIME_TO_FIRST_TOKEN = MetricDefinition.perRequest(
            "response_time_to_first_token", "Response Time to First Token", Unit.MS, LOWER_IS_BETTER,
            "first content chunk arrival - intended start (TTFT + schedule lag, as wrk2 measures)", true,
            (r, sink) -> {
                if (r.chunkCount() >= 1) {
                    sink.accept(r.chunkArrivalNanos()[0] - r.intendedStartNanos());
                }
            });

    public static final MetricDefinition RESPONSE_REQUEST_LATENCY = MetricDefinition.perRequest(
            "response_request_latency", "Response Request Latency", Unit.MS, LOWER_IS_BETTER,
            "last response byte arrival - intended start (request latency + schedule lag)", false,
            (r, sink) -> sink.accept(r.endNanos() - r.intendedStartNanos()));

    public static final MetricDefinition INPUT_SEQUENCE_LENGTH = MetricDefinition.perRequest(
            "input_sequence_length", "Input Sequence Length", Unit.TOKENS, NEUTRAL,
            "usage.prompt_tokens, else the requested prompt length", false,
            (r, sink) -> {
                if (r.inputTokens() >= 0) {
                    sink.accept(r.inputTokens());
                }
            });

    public static final MetricDefinition OUTPUT_SEQUENCE_LENGTH = MetricDefinition.perRequest(
            "output_sequence_length", "Output Sequence Length", Unit.TOKENS, NEUTRAL,
            "usage.completion_tokens, else the number of content chunks (reasoning included); requests that "
                    + "generate (not embeddings)", false,
            (r, sink) -> {
                if (r.serverOutputTokens() >= 0 || r.chunkCount() > 0 || !r.outputText().isEmpty()) {
                    sink.accept(r.outputTokens());
                }
            });

    public static final MetricDefinition REASONING_TOKEN_COUNT = MetricDefinition.perRequest(
            "reasoning_token_count", "Reasoning Token Count", Unit.TOKENS, NEUTRAL,
            "usage.completion_tokens_details.reasoning_tokens, else the number of reasoning chunks; "
                    + "requests with reasoning", false,
            (r, sink) -> {
                if (r.hasReasoning()) {
                    sink.accept(r.reasoningTokens());
                }
            });

    public static final MetricDefinition OUTPUT_TOKEN_COUNT = MetricDefinition.perRequest(
            "output_token_count", "Output Token Count", Unit.TOKENS, NEUTRAL,
            "output sequence length - reasoning token count; requests with reasoning", false,
            (r, sink) -> {
                if (r.hasReasoning()) {
                    sink.accept(Math.max(0, r.outputTokens() - r.reasoningTokens()));
                }
            });

    public static final MetricDefinition OUTPUT_TOKEN_THROUGHPUT = MetricDefinition.perRun(
            "output_token_throughput", "Output Token Throughput", Unit.TOKENS_PER_SEC, HIGHER_IS_BETTER,
            "sum of output tokens / benchmark duration", t -> t.perSecond(t.outputTokens()));

    /** The throughput of APIs that generate nothing (embeddings), and the prefill side of those that do. */
    public static final MetricDefinition INPUT_TOKEN_THROUGHPUT = MetricDefinition.perRun(
            "input_token_throughput", "Input Token Throughput", Unit.TOKENS_PER_SEC, HIGHER_IS_BETTER,
            "sum of input tokens (usage, else requested) / benchmark duration", t -> t.perSecond(t.inputTokens()));

    public static final MetricDefinition REQUEST_THROUGHPUT = MetricDefinition.perRun(
            "request_throughput", "Request Throughput", Unit.REQUESTS_PER_SEC, HIGHER_IS_BETTER,
            "successful requests / benchmark duration", t -> t.perSecond(t.successfulRequests()));

    public static final MetricDefinition REQUEST_COUNT = MetricDefinition.perRun(
            "request_count", "Request Count", Unit.REQUESTS, NEUTRAL,
            "successful requests", t -> t.successfulRequests());

    public static final MetricDefinition ERROR_REQUEST_COUNT = MetricDefinition.perRun(
            "error_request_count", "Error Request Count", Unit.REQUESTS, LOWER_IS_BETTER,
            "failed requests", t -> t.failedRequests());

    public static final MetricDefinition CANCELLED_REQUEST_COUNT = MetricDefinition.perRun(
            "cancelled_request_count", "Cancelled Request Count", Unit.REQUESTS, NEUTRAL,
            "requests the client cancelled mid-flight (--request-cancellation-rate); neither successes nor errors",
            t -> t.cancelledRequests());

    public static final MetricDefinition BENCHMARK_DURATION = MetricDefinition.perRun(
            "benchmark_duration", "Benchmark Duration", Unit.SEC, NEUTRAL,
            "end of last response - start of first request", RunTotals::durationSeconds);

    /** Neutral like {@link #REQUEST_COUNT}: a count grows with the run's length, so more is not better. */
    public static final MetricDefinition GOOD_REQUEST_COUNT = MetricDefinition.perRunWithSlos(
            "good_request_count", "Good Request Count", Unit.REQUESTS, NEUTRAL,
            "successful requests meeting every SLO", RunTotals::goodRequests);

    public static final MetricDefinition GOODPUT = MetricDefinition.perRunWithSlos(
            "goodput", "Goodput", Unit.REQUESTS_PER_SEC, HIGHER_IS_BETTER,
            "good requests / benchmark duration", t -> t.perSecond(t.goodRequests()));

    public static final MetricDefinition GPU_ENERGY = MetricDefinition.perRunWithEnergy(
            "gpu_energy", "GPU Energy", Unit.WATT_HOURS, NEUTRAL,
            "GPU energy counter difference (else power integrated) over the measured window, summed over GPUs",
            t -> t.energy().wattHours());

    public static final MetricDefinition ENERGY_PER_REQUEST = MetricDefinition.perRunWithEnergy(
            "energy_per_request", "Energy Per Request", Unit.WATT_HOURS_PER_REQUEST, LOWER_IS_BETTER,
            "GPU energy / successful requests", t -> t.energy().wattHoursPerRequest(t.successfulRequests()));

    public static final MetricDefinition ENERGY_PER_OUTPUT_TOKEN = MetricDefinition.perRunWithEnergy(
            "energy_per_output_token", "Energy Per Output Token", Unit.JOULES_PER_TOKEN, LOWER_IS_BETTER,
            "GPU energy (J) / output tokens", t -> t.energy().joulesPerToken(t.outputTokens()));

    public static final MetricDefinition OUTPUT_TOKENS_PER_JOULE = MetricDefinition.perRunWithEnergy(
            "output_tokens_per_joule", "Output Tokens Per Joule", Unit.TOKENS_PER_JOULE, HIGHER_IS_BETTER,
            "output tokens / GPU energy (J)", t -> t.energy().tokensPerJoule(t.outputTokens()));

    public static final MetricDefinition GPU_POWER_AVG = MetricDefinition.perRunWithEnergy(
            "gpu_power_avg", "GPU Power Average", Unit.WATTS, NEUTRAL,
            "GPU energy (J) / telemetry window (s), summed over GPUs", t -> t.energy().averageWatts());

    public static final MetricDefinition GPU_POWER_PEAK = MetricDefinition.perRunWithEnergy(
            "gpu_power_peak", "GPU Power Peak", Unit.WATTS, NEUTRAL,
            "highest power read (summed over GPUs)", t -> t.energy().peakWatts());

    public static final MetricDefinition CO2_EMISSIONS = MetricDefinition.perRunWithEnergy(
            "co2_emissions", "CO2 Emissions", Unit.GRAMS_CO2, NEUTRAL,
            "GPU energy (kWh) x --grid-intensity (gCO2/kWh)", t -> t.energy().co2Grams());

    /** The client's side of the prefix cache; the server's own counters are in {@code server_metrics}. */
    public static final MetricDefinition CLIENT_PREFIX_CACHE_HIT_RATE = MetricDefinition.perRunWithCache(
            "client_prefix_cache_hit_rate", "Client Prefix Cache Hit Rate", Unit.FRACTION, HIGHER_IS_BETTER,
            "sum of usage cached_tokens / sum of input tokens, over successful requests that reported cached_tokens",
            t -> t.cache().hitRate());

    public static final MetricDefinition CACHE_REPORTING_REQUEST_COUNT = MetricDefinition.perRunWithCache(
            "cache_reporting_request_count", "Cache Reporting Request Count", Unit.REQUESTS, NEUTRAL,
            "successful requests whose usage reported cached_tokens",
            t -> t.cache().reportingRequests() == 0 ? Double.NaN : t.cache().reportingRequests());

    /** Sessions whose turns all succeeded: a failed turn ends its session early, so its span would flatter. */
    public static final MetricDefinition SESSION_LATENCY = MetricDefinition.perSession(
            "session_latency", "Session Latency", Unit.MS, LOWER_IS_BETTER,
            "last turn's response end - first turn's request start (think times included), sessions whose every "
                    + "turn succeeded");

    public static final MetricDefinition TURNS_PER_SESSION = MetricDefinition.perSession(
            "turns_per_session", "Turns Per Session", Unit.REQUESTS, NEUTRAL,
            "measured turns of a session, a failed or cancelled turn that ended it included");

    /** What a session run reports per turn index (turn 1's TTFT against turn 5's: the prefix cache at work). */
    private static final List<MetricDefinition> PER_TURN = List.of(
            TIME_TO_FIRST_TOKEN, INTER_TOKEN_LATENCY, REQUEST_LATENCY, INPUT_SEQUENCE_LENGTH);

    private static final List<MetricDefinition> ALL = List.of(
            TIME_TO_FIRST_TOKEN, TIME_TO_SECOND_TOKEN, TIME_TO_FIRST_OUTPUT_TOKEN, STEADY_INTER_CHUNK_GAP,
            INTER_TOKEN_LATENCY, INTER_CHUNK_LATENCY, OUTPUT_TOKEN_THROUGHPUT_PER_USER, REQUEST_LATENCY, SCHEDULE_LAG,
            RESPONSE_TIME_TO_FIRST_TOKEN, RESPONSE_REQUEST_LATENCY, INPUT_SEQUENCE_LENGTH, OUTPUT_SEQUENCE_LENGTH,
            REASONING_TOKEN_COUNT, OUTPUT_TOKEN_COUNT,
            OUTPUT_TOKEN_THROUGHPUT, INPUT_TOKEN_THROUGHPUT, REQUEST_THROUGHPUT, REQUEST_COUNT, ERROR_REQUEST_COUNT, CANCELLED_REQUEST_COUNT,
            BENCHMARK_DURATION,
            GOOD_REQUEST_COUNT, GOODPUT,
            GPU_ENERGY, ENERGY_PER_REQUEST, ENERGY_PER_OUTPUT_TOKEN, OUTPUT_TOKENS_PER_JOULE, GPU_POWER_AVG,
            GPU_POWER_PEAK, CO2_EMISSIONS,
            CLIENT_PREFIX_CACHE_HIT_RATE, CACHE_REPORTING_REQUEST_COUNT);

    private MetricRegistry() {
    }

    /** Every metric, in display order. */
    public static List<MetricDefinition> all() {
        return ALL;
    }

    /**
     * The metrics of a session run's sessions ({@link MetricSource#SESSION}), apart from {@link #all()}: they have
     * one value per session, not per record.
     */
    public static List<MetricDefinition> sessionMetrics() {
        return List.of(SESSION_LATENCY, TURNS_PER_SESSION);
    }

    /** The per-request metrics a session run also reports per turn index. */
    public static List<MetricDefinition> perTurn() {
        return PER_TURN;
    }

    public static Optional<MetricDefinition> byTag(String tag) {
        return ALL.stream().filter(m -> m.tag().equals(tag)).findFirst();
    }

    /** TTFT of a record with at least one content chunk. */
    public static long ttftNanos(RequestRecord r) {
        return r.chunkArrivalNanos()[0] - r.startNanos();
    }

    /** TTFO of a record with an answer chunk: the arrival of the first chunk after its reasoning chunks. */
    public static long ttfoNanos(RequestRecord r) {
        return r.chunkArrivalNanos()[r.reasoningChunks()] - r.startNanos();
    }

    /** TTST of a record with at least two content chunks. */
    public static long ttstNanos(RequestRecord r) {
        return r.chunkArrivalNanos()[1] - r.chunkArrivalNanos()[0];
    }

    /**
     * The steady inter-chunk gap of a record with at least three content chunks: the median of its gaps
     * after the first one (the first gap is TTST, which a disaggregated server can stretch).
     */
    public static long steadyGapNanos(RequestRecord r) {
        long[] t = r.chunkArrivalNanos();
        long[] later = new long[t.length - 2];
        for (int i = 2; i < t.length; i++) {
            later[i - 2] = t[i] - t[i - 1];
        }
        Arrays.sort(later);
        int n = later.length;
        return n % 2 == 1 ? later[n / 2] : (later[n / 2 - 1] + later[n / 2]) / 2;
    }

    private static boolean hasItl(RequestRecord r) {
        return r.streaming() && r.chunkCount() >= 1 && r.outputTokens() >= 2;
    }

    private static double itlNanos(RequestRecord r) {
        return (double) (r.latencyNanos() - ttftNanos(r)) / (r.outputTokens() - 1);
    }
}
