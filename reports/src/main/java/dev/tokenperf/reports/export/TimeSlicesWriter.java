package dev.tokenperf.reports.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.resultdir.ResultFiles;
import dev.tokenperf.reports.summary.RunSummary;
import dev.tokenperf.reports.summary.TimeSlice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * aiperf's time-slice exports: {@code profile_export_aiperf_timeslices.csv} in the tidy
 * {@code Timeslice,Metric,Unit,Stat,Value} shape and {@code profile_export_aiperf_timeslices.json} with one object
 * per slice ({@code timeslice_index} and each metric's statistics by tag) and the {@code input_config}. Beside
 * aiperf's keys each slice states its {@code start_s}, {@code duration_s} and whether it is {@code empty}; an
 * empty slice is listed with only its {@code request_count} of 0 (one CSV row).
 */
public final class TimeSlicesWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TimeSlicesWriter() {
    }

    public static void write(RunSummary summary, Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("Timeslice,Metric,Unit,Stat,Value\n");
        List<Map<String, Object>> slices = new ArrayList<>();
        for (TimeSlice slice : summary.slices()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("timeslice_index", slice.index());
            json.put("start_s", slice.startNanos() / 1e9);
            json.put("duration_s", slice.durationNanos() / 1e9);
            json.put("empty", slice.empty());
            if (slice.empty()) {
                // the slice has no metric at all; its request count of 0 is what a reader looks for
                json.put(MetricRegistry.REQUEST_COUNT.tag(), Map.of("unit", MetricRegistry.REQUEST_COUNT.unit().label(),
                        "avg", 0));
                csv.append(slice.index()).append(',').append(MetricRegistry.REQUEST_COUNT.header()).append(',')
                        .append(MetricRegistry.REQUEST_COUNT.unit().label()).append(",avg,0.00\n");
            }
            for (MetricStatistics s : slice.statistics()) {
                Map<String, Object> stats = s.asExportMap();
                json.put(s.metric().tag(), stats);
                for (Map.Entry<String, Object> e : stats.entrySet()) {
                    if (e.getValue() instanceof Number n && !e.getKey().equals("count")) {
                        csv.append(slice.index()).append(',').append(s.metric().header()).append(',')
                                .append(s.metric().unit().label()).append(',').append(e.getKey()).append(',')
                                .append(String.format(Locale.US, "%.2f", n.doubleValue())).append('\n');
                    }
                }
            }
            slices.add(json);
        }
        Files.writeString(dir.resolve(ResultFiles.TIMESLICES_CSV), csv, StandardCharsets.UTF_8);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("timeslices", slices);
        root.put("input_config", summary.result().configuration());
        MAPPER.writeValue(dir.resolve(ResultFiles.TIMESLICES_JSON).toFile(), root);
    }
}
