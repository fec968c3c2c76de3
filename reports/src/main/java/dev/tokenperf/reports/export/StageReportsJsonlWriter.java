package dev.tokenperf.reports.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.record.StageTimes;
import dev.tokenperf.reports.resultdir.ResultFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * Writes {@code stage_reports.jsonl}: one merged stage record per request id the server reported
 * ({@code request_id}, {@code roles}, {@code reports}, {@code *_time_ms}), so the TTFT breakdown can be
 * rebuilt from the result directory alone. Written only when the run collected stage reports.
 */
public final class StageReportsJsonlWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StageReportsJsonlWriter() {
    }

    public static void write(RunResult result, Path dir) throws IOException {
        if (result.serverEvidence().stageReports().isEmpty()) {
            return;
        }
        try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(ResultFiles.STAGE_REPORTS_JSONL), StandardCharsets.UTF_8)) {
            for (StageTimes times : result.serverEvidence().stageReports().values().stream()
                    .sorted(Comparator.comparing(StageTimes::requestId)).toList()) {
                out.write(MAPPER.writeValueAsString(times.asMap()));
                out.write('\n');
            }
        }
    }
}
