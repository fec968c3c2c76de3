package dev.tokenperf.reports.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tokenperf.reports.json.JsonNumbers;
import dev.tokenperf.reports.metrics.KneeFinder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The sweep table: TTFT p50/p90, ITL p50 and throughput per load value, the client-limited mark, and the
 * knee ({@link KneeFinder}). Rendered for the console and written as {@code sweep.json} and
 * {@code sweep.csv} beside the per-value result directories.
 */
public final class SweepReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] HEADERS = {"ttft_p50_ms", "ttft_p90_ms", "itl_p50_ms", "request_throughput",
            "output_token_throughput", "status"};

    private SweepReport() {
    }

    /** The points sorted by load, then the knee's index among them (empty when none). */
    static OptionalInt knee(List<SweepPoint> sorted) {
        double[] latency = new double[sorted.size()];
        double[] throughput = new double[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            SweepPoint p = sorted.get(i);
            latency[i] = Double.isNaN(p.ttftP90()) ? p.requestLatencyP90() : p.ttftP90();
            throughput[i] = p.outputTokenThroughput();
        }
        return KneeFinder.find(latency, throughput);
    }

    private static List<SweepPoint> sorted(List<SweepPoint> points) {
        List<SweepPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(SweepPoint::value));
        return sorted;
    }

    /** The knee line, e.g. {@code knee: concurrency 16 (...rule...)}. */
    public static String kneeLine(List<SweepPoint> points) {
        List<SweepPoint> sorted = sorted(points);
        OptionalInt knee = knee(sorted);
        String parameter = sorted.isEmpty() ? "load" : sorted.get(0).parameter();
        return knee.isPresent()
                ? "knee: " + parameter + " " + SweepPoint.label(sorted.get(knee.getAsInt()).value()) + " (" + KneeFinder.RULE + ")"
                : "knee: none within the swept " + parameter + " range (" + KneeFinder.RULE + ")";
    }

    public static String render(List<SweepPoint> points) {
        List<SweepPoint> sorted = sorted(points);
        String parameter = sorted.isEmpty() ? "load" : sorted.get(0).parameter();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, "%-14s", parameter));
        for (String h : HEADERS) {
            out.append(String.format(Locale.US, " %24s", h));
        }
        out.append('\n');
        for (SweepPoint p : sorted) {
            out.append(String.format(Locale.US, "%-14s %24.2f %24.2f %24.2f %24.2f %24.2f %24s%n",
                    SweepPoint.label(p.value()), p.ttftP50(), p.ttftP90(), p.itlP50(), p.requestThroughput(),
                    p.outputTokenThroughput(), status(p)));
        }
        out.append(kneeLine(points)).append('\n');
        return out.toString();
    }

    public static void write(List<SweepPoint> points, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<SweepPoint> sorted = sorted(points);
        OptionalInt knee = knee(sorted);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder csv = new StringBuilder(sorted.isEmpty() ? "value" : sorted.get(0).parameter());
        csv.append(",dir,").append(String.join(",", HEADERS)).append('\n');
        for (SweepPoint p : sorted) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("value", p.value());
            row.put("dir", p.dirName());
            row.put("ttft_p50_ms", JsonNumbers.nanAsNull(p.ttftP50()));
            row.put("ttft_p90_ms", JsonNumbers.nanAsNull(p.ttftP90()));
            row.put("itl_p50_ms", JsonNumbers.nanAsNull(p.itlP50()));
            row.put("request_throughput", JsonNumbers.nanAsNull(p.requestThroughput()));
            row.put("output_token_throughput", JsonNumbers.nanAsNull(p.outputTokenThroughput()));
            row.put("status", status(p));
            row.put("reasons", p.summary().clientHealth() == null ? List.of()
                    : p.summary().clientHealth().limitReasons());
            rows.add(row);
            csv.append(String.format(Locale.US, "%s,%s,%s,%s,%s,%s,%s,%s%n", SweepPoint.label(p.value()), p.dirName(),
                    cell(p.ttftP50()), cell(p.ttftP90()), cell(p.itlP50()), cell(p.requestThroughput()),
                    cell(p.outputTokenThroughput()), status(p)));
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("parameter", sorted.isEmpty() ? null : sorted.get(0).parameter());
        root.put("knee", knee.isPresent() ? sorted.get(knee.getAsInt()).value() : null);
        root.put("knee_rule", KneeFinder.RULE);
        root.put("points", rows);
        MAPPER.writeValue(dir.resolve("sweep.json").toFile(), root);
        Files.writeString(dir.resolve("sweep.csv"), csv.toString(), StandardCharsets.UTF_8);
    }

    private static String status(SweepPoint p) {
        return p.status();
    }


    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.US, "%.4f", v);
    }
}
