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
 * knee ({@link KneeFinder}), and with {@code --predict-with} the model's predicted TTFT p50/p90/p99 beside the
 * measured TTFT. Rendered for the console and written as {@code sweep.json} and
 * {@code sweep.csv} beside the per-value result directories.
 */
public final class SweepReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String[] HEADERS = {"ttft_p50_ms", "ttft_p90_ms", "itl_p50_ms", "request_throughput",
            "output_token_throughput", "status"};
    /** Columns added after TTFT p90 when the points carry a prediction ({@code --predict-with}). */
    private static final String[] PREDICTED = {"predicted_ttft_p50_ms", "predicted_ttft_p90_ms",
            "predicted_ttft_p99_ms"};

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
        for (String h : headers(sorted)) {
            out.append(String.format(Locale.US, " %24s", h));
        }
        out.append('\n');
        for (SweepPoint p : sorted) {
            out.append(String.format(Locale.US, "%-14s", SweepPoint.label(p.value())));
            for (double v : numbers(p, sorted)) {
                out.append(String.format(Locale.US, " %24.2f", v));
            }
            out.append(String.format(Locale.US, " %24s%n", status(p)));
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
        List<String> headers = headers(sorted);
        csv.append(",dir,").append(String.join(",", headers)).append('\n');
        for (SweepPoint p : sorted) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("value", p.value());
            row.put("dir", p.dirName());
            double[] numbers = numbers(p, sorted);
            csv.append(SweepPoint.label(p.value())).append(',').append(p.dirName());
            for (int i = 0; i < numbers.length; i++) {
                row.put(headers.get(i), JsonNumbers.nanAsNull(numbers[i]));
                csv.append(',').append(cell(numbers[i]));
            }
            csv.append(',').append(status(p)).append('\n');
            row.put("status", status(p));
            row.put("reasons", p.summary().clientHealth() == null ? List.of()
                    : p.summary().clientHealth().limitReasons());
            rows.add(row);
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

    /** True when some point carries a prediction ({@code --predict-with}). */
    public static boolean predicted(List<SweepPoint> points) {
        return points.stream().anyMatch(p -> p.predicted() != null);
    }

    /** The numeric columns' names then {@code status}; the predicted ones only when some point has them. */
    private static List<String> headers(List<SweepPoint> sorted) {
        List<String> headers = new ArrayList<>(List.of(HEADERS));
        if (predicted(sorted)) {
            headers.addAll(2, List.of(PREDICTED));
        }
        return headers;
    }

    /** One point's numbers in the order of {@link #headers} (without {@code status}). */
    private static double[] numbers(SweepPoint p, List<SweepPoint> sorted) {
        double[] measured = {p.ttftP50(), p.ttftP90(), p.itlP50(), p.requestThroughput(), p.outputTokenThroughput()};
        if (!predicted(sorted)) {
            return measured;
        }
        PredictedTtft m = p.predicted();
        double[] predicted = m == null ? new double[] {Double.NaN, Double.NaN, Double.NaN}
                : new double[] {m.p50Ms(), m.p90Ms(), m.p99Ms()};
        double[] all = new double[measured.length + predicted.length];
        System.arraycopy(measured, 0, all, 0, 2);
        System.arraycopy(predicted, 0, all, 2, predicted.length);
        System.arraycopy(measured, 2, all, 2 + predicted.length, measured.length - 2);
        return all;
    }


    private static String cell(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.US, "%.4f", v);
    }
}
