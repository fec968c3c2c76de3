package dev.tokenperf.reports.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.record.RunFingerprint;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.stages.ServerSideReport;
import dev.tokenperf.reports.summary.ErrorGroup;
import dev.tokenperf.reports.summary.RunSummary;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code profile_export_aiperf.json} in aiperf's schema ({@link ResultFiles#SCHEMA_VERSION}):
 * {@code schema_version} and {@code aiperf_version} first, then each metric tag maps to
 * {@code {unit, avg, min, max, p1..p99, std}} (plus {@code p99.9} and {@code count} beside them), followed by
 * tokenperf's own sections (verdicts, server side, GPU energy, client health, stop), the error summary, start/end time,
 * tool version, the configuration without secrets and the result's {@link RunFingerprint}.
 */
public final class SummaryJsonWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJsonWriter() {
    }

    private static Map<String, Object> toMap(RunSummary summary) {
        RunResult result = summary.result();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema_version", ResultFiles.SCHEMA_VERSION);
        // a script that checks aiperf's version finds one, and sees which tool wrote the file
        root.put("aiperf_version", "tokenperf " + result.toolVersion());
        for (MetricStatistics s : summary.statistics()) {
            root.put(s.metric().tag(), s.asExportMap());
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ErrorGroup e : summary.errors()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("code", e.example().httpStatus() == 0 ? null : e.example().httpStatus());
            details.put("type", e.example().kind().tag());
            details.put("message", e.example().message());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("error_details", details);
            entry.put("count", e.count());
            if (e.retryAfterMillis() > 0) {
                entry.put("retry_after_s_total", e.retryAfterMillis() / 1000.0);
            }
            errors.add(entry);
        }
        root.put("first_token_verdict", summary.firstTokenVerdict().asExportMap());
        if (summary.sessions() != null) {
            root.put("sessions", SessionTable.asExportMap(summary.sessions()));
        }
        if (!summary.perModel().isEmpty()) {
            root.put("per_model", GroupTable.asExportList("model", summary.perModel()));
        }
        if (!summary.perUrl().isEmpty()) {
            root.put("per_url", GroupTable.asExportList("url", summary.perUrl()));
        }
        ServerSideReport.addTo(root, result);
        if (!result.gpuEnergy().isEmpty()) {
            root.put("gpu_telemetry", result.gpuEnergy().asExportMap());
        }
        root.put("error_summary", errors);
        root.put("resent_request_count", summary.resentCount());
        root.put("was_cancelled", result.cancelled());
        if (summary.clientHealth() != null) {
            root.put("client_health", summary.clientHealth().asExportMap());
        }
        if (result.stop() != null) {
            root.put("stop", result.stop().asExportMap());
        }
        if (result.configuration().get(RunResult.MERGED_KEY) != null) {
            // how the inputs were merged and, for shards, how far apart they started
            root.put("merge", result.configuration().get(RunResult.MERGED_KEY));
        }
        root.put("start_time", result.startTime().toString());
        root.put("end_time", result.endTime().toString());
        root.put("tool_version", result.toolVersion());
        root.put("input_config", result.configuration());
        if (summary.accuracy() != null) {
            root.put("sequence_length_accuracy", summary.accuracy().summary());
        }
        root.put("fingerprint", RunFingerprint.of(result));
        return root;
    }

    public static void write(RunSummary summary, Path dir) throws IOException {
        MAPPER.writeValue(dir.resolve(ResultFiles.SUMMARY_JSON).toFile(), toMap(summary));
    }
}
