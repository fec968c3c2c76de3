package dev.tokenperf.reports.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokenperf.reports.aggregate.AcrossRuns;
import dev.tokenperf.reports.aggregate.RunAggregate;
import dev.tokenperf.reports.json.JsonNumbers;
import dev.tokenperf.reports.resultdir.ResultFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes repeated runs' {@code aggregate/profile_export_aiperf_aggregate.json}: per metric and statistic the mean
 * across runs, its standard deviation, coefficient of variation and t-interval, and the warnings; renders the
 * same as a console table.
 */
public final class AggregateWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AggregateWriter() {
    }

    /** @return the file written */
    public static Path write(RunAggregate aggregate, Map<String, Object> inputConfig, Path dir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("num_profile_runs", aggregate.runs().size());
        root.put("confidence_level", aggregate.level());
        root.put("runs", aggregate.runs());
        Map<String, Object> metrics = new LinkedHashMap<>();
        aggregate.metrics().forEach((tag, stats) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            stats.forEach((stat, a) -> m.put(stat, json(a)));
            metrics.put(tag, m);
        });
        root.put("metrics", metrics);
        root.put("warnings", aggregate.warnings());
        root.put("input_config", inputConfig);
        Path file = dir.resolve(ResultFiles.AGGREGATE_JSON);
        Files.createDirectories(file.getParent());
        MAPPER.writeValue(file.toFile(), root);
        return file;
    }

    private static Map<String, Object> json(AcrossRuns a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", a.mean());
        m.put("std", a.stddev());
        m.put("cv", JsonNumbers.nanAsNull(a.cv()));
        m.put("ci_low", a.low());
        m.put("ci_high", a.high());
        m.put("runs", a.runs());
        return m;
    }

    /** The headline statistics (p50, or avg of run-level metrics) of every metric, one line each. */
    public static String render(RunAggregate aggregate) {
        StringBuilder out = new StringBuilder(String.format(Locale.US, "across %d runs (mean, %.0f%% t-interval, CV):%n",
                aggregate.runs().size(), aggregate.level() * 100));
        aggregate.metrics().forEach((tag, stats) -> {
            String stat = stats.containsKey("p50") ? "p50" : "avg";
            AcrossRuns a = stats.get(stat);
            out.append(String.format(Locale.US, "  %-36s %-4s %12.3f  [%.3f, %.3f]  CV %.1f%%%n", tag, stat, a.mean(),
                    a.low(), a.high(), a.cv() * 100));
        });
        aggregate.warnings().forEach(w -> out.append("warning: ").append(w).append(System.lineSeparator()));
        return out.toString();
    }
}
