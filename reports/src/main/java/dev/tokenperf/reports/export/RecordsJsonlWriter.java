package dev.tokenperf.reports.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.resultdir.ResultFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code profile_export.jsonl}: one line per request (warmup included, flagged by its phase) with aiperf's
 * {@code metadata}/{@code metrics}/{@code error} sections, plus the raw per-chunk arrival times and token
 * counts beside them, and each chunk's network-read ordinal ({@code chunk_read_indexes}: equal neighbours arrived
 * in one read). Times are nanoseconds relative to the run's start.
 */
public final class RecordsJsonlWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private RecordsJsonlWriter() {
    }

    /** @param accuracy client-side token counts to add to each line's {@code tokens}, or null for none */
    public static void write(RunResult result, Path dir, SequenceLengthAccuracy accuracy) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve(ResultFiles.RECORDS_JSONL));
             JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            for (RequestRecord r : result.records()) {
                writeRecord(g, r, accuracy == null ? null : accuracy.forRecord(r));
                g.flush();
                out.write('\n');
            }
        }
    }

    private static void writeRecord(JsonGenerator g, RequestRecord r, SequenceLengthAccuracy.RequestLengths lengths)
            throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("metadata");
        g.writeNumberField("session_num", r.index());
        g.writeStringField("x_request_id", r.requestId());
        g.writeStringField("benchmark_phase", r.warmup() ? "warmup" : "profiling");
        g.writeBooleanField("streaming", r.streaming());
        g.writeNumberField("request_intended_start_ns", r.intendedStartNanos());
        g.writeNumberField("request_start_ns", r.startNanos());
        g.writeNumberField("request_end_ns", r.endNanos());
        if (r.sessionTurn()) {
            g.writeStringField("session_id", r.sessionId());
            g.writeNumberField("turn_index", r.turnIndex());
        }
        if (r.model() != null) {
            g.writeStringField("model", r.model());
        }
        if (r.url() != null) {
            g.writeStringField("url", r.url());
        }
        g.writeEndObject();

        g.writeObjectFieldStart("metrics");
        if (r.succeeded()) {
            for (MetricDefinition metric : MetricRegistry.all()) {
                if (!metric.isDistribution() || (metric.streamingOnly() && !r.streaming())) {
                    continue;
                }
                List<Long> values = new ArrayList<>();
                metric.emit(r, values::add);
                if (values.isEmpty()) {
                    continue;
                }
                g.writeObjectFieldStart(metric.tag());
                if (values.size() == 1 && metric != MetricRegistry.INTER_CHUNK_LATENCY) {
                    g.writeNumberField("value", metric.unit().fromRecorded(values.get(0)));
                } else {
                    g.writeArrayFieldStart("value");
                    for (long v : values) {
                        g.writeNumber(metric.unit().fromRecorded(v));
                    }
                    g.writeEndArray();
                }
                g.writeStringField("unit", metric.unit().label());
                g.writeEndObject();
            }
        }
        g.writeEndObject();

        g.writeObjectFieldStart("tokens");
        g.writeNumberField("requested_input", r.requestedInputTokens());
        g.writeNumberField("requested_output", r.requestedOutputTokens());
        g.writeNumberField("server_input", r.serverInputTokens());
        g.writeNumberField("server_output", r.serverOutputTokens());
        g.writeNumberField("content_chunks", r.chunkCount());
        if (r.hasReasoning()) {
            g.writeNumberField("reasoning_chunks", r.reasoningChunks());
            g.writeNumberField("server_reasoning", r.serverReasoningTokens());
        }
        if (r.reportedCachedTokens()) {
            g.writeNumberField("cached_tokens", r.serverCachedTokens());
        }
        if (lengths != null) {
            g.writeNumberField("client_input", lengths.clientInputTokens());
            g.writeNumberField("client_output", lengths.clientOutputTokens());
            if (lengths.promptOverhead() != null) {
                g.writeNumberField("prompt_overhead", lengths.promptOverhead());
            } else {
                g.writeNullField("prompt_overhead");
            }
        }
        g.writeEndObject();

        g.writeArrayFieldStart("chunk_arrival_ns");
        for (long t : r.chunkArrivalNanos()) {
            g.writeNumber(t);
        }
        g.writeEndArray();

        g.writeArrayFieldStart("chunk_read_indexes");
        for (long read : r.chunkReadIndexes()) {
            g.writeNumber(read);
        }
        g.writeEndArray();

        if (r.succeeded()) {
            g.writeNullField("error");
        } else {
            g.writeObjectFieldStart("error");
            if (r.error().httpStatus() != 0) {
                g.writeNumberField("code", r.error().httpStatus());
            } else {
                g.writeNullField("code");
            }
            g.writeStringField("type", r.error().kind().tag());
            g.writeStringField("message", r.error().message());
            if (r.error().retryAfterMillis() >= 0) {
                g.writeNumberField("retry_after_s", r.error().retryAfterMillis() / 1000.0);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
