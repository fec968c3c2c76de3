package dev.tokenperf.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.reports.load.ResultFormatException;
import dev.tokenperf.reports.load.ResultReader;
import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.record.RequestRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@code profile --request-rate R,R,...} sweep read back from its directory: {@code sweep.json}'s points, the
 * result of the lowest rate (to fit r_p and r_d at low load) and that of the top rate (where saturation shows).
 *
 * @param dir        the sweep's directory
 * @param lowest     the lowest rate's result
 * @param top        the top rate's result
 * @param saturation the top rate, its throughput and the requests it completed
 * @param topStatus  the top point's status in {@code sweep.json} ({@code ok}, {@code client-limited}, ...)
 */
public record SavedSweep(Path dir, SavedResult lowest, SavedResult top, PoolSizeFit.Saturation saturation,
                         String topStatus) {
    private static final String FILE = "sweep.json";

    /** True when {@code dir} holds a sweep rather than one result. */
    public static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** @throws IllegalArgumentException one line naming the directory and what it lacks */
    public static SavedSweep read(Path dir) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(dir.resolve(FILE).toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(dir.resolve(FILE) + ": not valid JSON (" + e.getMessage().lines()
                    .findFirst().orElse("") + ")");
        }
        if (!"request_rate".equals(root.path("parameter").asText())) {
            throw new IllegalArgumentException(dir + ": a sweep of '" + root.path("parameter").asText()
                    + "'; pool sizes are fitted from a --request-rate sweep's saturation");
        }
        List<JsonNode> points = new ArrayList<>();
        root.path("points").forEach(points::add);
        points.removeIf(p -> !p.path("value").isNumber() || !p.path("dir").isTextual());
        if (points.size() < 2) {
            throw new IllegalArgumentException(dir.resolve(FILE) + ": needs 2 or more rates with a directory (a low "
                    + "one to fit r_p and r_d, a high one to saturate), has " + points.size());
        }
        points.sort(Comparator.comparingDouble(p -> p.path("value").asDouble()));
        JsonNode topPoint = points.get(points.size() - 1);
        SavedResult lowest = result(dir, points.get(0));
        SavedResult top = result(dir, topPoint);
        return new SavedSweep(dir, lowest, top, saturation(topPoint, top), topPoint.path("status").asText("ok"));
    }

    private static SavedResult result(Path dir, JsonNode point) {
        try {
            return ResultReader.read(dir.resolve(point.get("dir").asText()));
        } catch (ResultFormatException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * The top rate's throughput, and the mean lengths of the requests it completed, with standard errors. The
     * throughput is the completions per second between the first and the last completion: a saturated server's
     * pace, without the time a short run spends filling the pools before its first completion (which
     * {@code request_throughput}, over the whole run, includes). The rate the client actually sent is the same
     * pace of the requests' starts.
     */
    private static PoolSizeFit.Saturation saturation(JsonNode point, SavedResult top) {
        List<double[]> lengths = new ArrayList<>();
        long[] starts = {Long.MAX_VALUE, Long.MIN_VALUE};
        long[] ends = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (RequestRecord r : top.result().measuredRecords()) {
            if (r.succeeded() && r.inputTokens() > 0 && r.outputTokens() > 0) {
                lengths.add(new double[] {r.inputTokens(), r.outputTokens()});
                widen(starts, r.startNanos());
                widen(ends, r.endNanos());
            }
        }
        if (lengths.size() < 2 || ends[1] <= ends[0] || starts[1] <= starts[0]) {
            throw new IllegalArgumentException(top.dir() + ": the top rate completed " + lengths.size()
                    + " requests with token counts at distinct times; needs 2 or more");
        }
        double[] prompt = column(lengths, 0);
        double[] output = column(lengths, 1);
        // paces between the first and the last: sends, and completions
        double sent = (lengths.size() - 1) / ((starts[1] - starts[0]) / 1e9);
        double throughput = (lengths.size() - 1) / ((ends[1] - ends[0]) / 1e9);
        return new PoolSizeFit.Saturation(point.get("value").asDouble(), sent, throughput, lengths.size(), prompt[0],
                prompt[1], output[0], output[1]);
    }

    /** Widens {min, max} to take {@code value}. */
    private static void widen(long[] range, long value) {
        range[0] = Math.min(range[0], value);
        range[1] = Math.max(range[1], value);
    }

    /** {mean, standard error of the mean} of one column. */
    private static double[] column(List<double[]> rows, int index) {
        double sum = 0;
        for (double[] row : rows) {
            sum += row[index];
        }
        double mean = sum / rows.size();
        double squares = 0;
        for (double[] row : rows) {
            squares += (row[index] - mean) * (row[index] - mean);
        }
        return new double[] {mean, Math.sqrt(squares / (rows.size() - 1) / rows.size())};
    }
}
