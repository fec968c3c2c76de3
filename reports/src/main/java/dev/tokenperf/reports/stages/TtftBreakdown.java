package dev.tokenperf.reports.stages;

import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.StageTimes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits client TTFT into the server's reported stages and the remainder the server does not account for
 * (network, proxy, detokenisation, client), per request: remainder = client TTFT &minus; sum of the request's
 * stages, so stages plus remainder equal the client TTFT of that request exactly. Every {@code *_time_ms}
 * field of a request's merged reports counts as a stage on the way to its first token.
 *
 * <p>Rows: {@code mean} is the mean of each column over the requests with a report (means add up, so the
 * row still sums to the mean client TTFT). {@code p50}, {@code p90} and {@code p99} are not per-column
 * percentiles (those would not add up): each is the breakdown of the one request whose client TTFT is at
 * that percentile (nearest rank) among the requests with a report.
 *
 * @param stages              stage names, in pipeline order
 * @param rows                row name (mean, p50, p90, p99) to its breakdown
 * @param requestsWithReports successful measured streaming requests that had a stage report
 * @param requestsWithout     successful measured streaming requests with a TTFT but no report
 */
public record TtftBreakdown(List<String> stages, Map<String, Row> rows, int requestsWithReports,
                            int requestsWithout) {

    /** The stages vLLM's TTFT reports and the emulator use, in pipeline order; others follow alphabetically. */
    public static final List<String> KNOWN_STAGES = List.of("enc_queue", "enc_compute", "emb_cache_transfer",
            "prefill_queue", "prefill_compute", "kv_transfer", "decode_queue", "decode_first_step");

    private static final double[] PERCENTILES = {50, 90, 99};

    /**
     * One row: the client TTFT, each stage and the remainder, in milliseconds.
     *
     * @param requestId the request the row shows, or null for the mean row
     */
    public record Row(String requestId, double clientTtftMillis, Map<String, Double> stageMillis,
                      double remainderMillis) {
    }

    /**
     * The report of a request: under its {@code X-Request-Id}, else under that id with the
     * {@code chatcmpl-} or {@code cmpl-} prefix OpenAI-compatible servers (vLLM) put in front of it; null
     * when none.
     */
    public static StageTimes reportFor(Map<String, StageTimes> reports, String requestId) {
        StageTimes times = reports.get(requestId);
        if (times == null) {
            times = reports.get("chatcmpl-" + requestId);
        }
        if (times == null) {
            times = reports.get("cmpl-" + requestId);
        }
        return times;
    }

    /** The breakdown over a run's measured records, or null when no request has both a TTFT and a report. */
    public static TtftBreakdown of(Iterable<RequestRecord> records, Map<String, StageTimes> reports) {
        List<Row> perRequest = new ArrayList<>();
        int without = 0;
        Set<String> seen = new LinkedHashSet<>();
        for (RequestRecord r : records) {
            if (r.warmup() || !r.succeeded() || !r.streaming() || r.chunkCount() == 0) {
                continue;
            }
            StageTimes times = reportFor(reports, r.requestId());
            if (times == null || times.stageMillis().isEmpty()) {
                without++;
                continue;
            }
            double ttft = MetricRegistry.ttftNanos(r) / 1e6;
            perRequest.add(new Row(r.requestId(), ttft, times.stageMillis(), ttft - times.totalMillis()));
            seen.addAll(times.stageMillis().keySet());
        }
        if (perRequest.isEmpty()) {
            return null;
        }
        List<String> stages = new ArrayList<>();
        for (String known : KNOWN_STAGES) {
            if (seen.contains(known)) {
                stages.add(known);
            }
        }
        seen.stream().filter(s -> !KNOWN_STAGES.contains(s)).sorted().forEach(stages::add);

        Map<String, Row> rows = new LinkedHashMap<>();
        rows.put("mean", mean(perRequest, stages));
        perRequest.sort(Comparator.comparingDouble(Row::clientTtftMillis));
        for (double p : PERCENTILES) {
            int rank = (int) Math.ceil(p / 100 * perRequest.size());
            Row row = perRequest.get(Math.max(0, Math.min(perRequest.size() - 1, rank - 1)));
            rows.put("p" + (int) p, complete(row, stages));
        }
        return new TtftBreakdown(List.copyOf(stages), rows, perRequest.size(), without);
    }

    private static Row mean(List<Row> rows, List<String> stages) {
        double ttft = 0;
        double remainder = 0;
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String s : stages) {
            sums.put(s, 0.0);
        }
        for (Row r : rows) {
            ttft += r.clientTtftMillis();
            remainder += r.remainderMillis();
            r.stageMillis().forEach((s, ms) -> sums.merge(s, ms, Double::sum));
        }
        int n = rows.size();
        sums.replaceAll((s, total) -> total / n);
        return new Row(null, ttft / n, sums, remainder / n);
    }

    /** The row with every stage present (0 for a stage this request did not report). */
    private static Row complete(Row row, List<String> stages) {
        Map<String, Double> all = new LinkedHashMap<>();
        for (String s : stages) {
            all.put(s, row.stageMillis().getOrDefault(s, 0.0));
        }
        return new Row(row.requestId(), row.clientTtftMillis(), all, row.remainderMillis());
    }

    /** The breakdown in {@code profile_export_aiperf.json}'s {@code ttft_breakdown} shape. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", "ms");
        m.put("requests_with_reports", requestsWithReports);
        m.put("requests_without_reports", requestsWithout);
        m.put("stages", stages);
        m.put("row_method", "mean: column means; pN: the breakdown of the request whose client TTFT is the"
                + " N-th percentile (nearest rank); in every row stages + remainder = client TTFT");
        Map<String, Object> rowMaps = new LinkedHashMap<>();
        rows.forEach((name, row) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            if (row.requestId() != null) {
                r.put("request_id", row.requestId());
            }
            r.put("client_ttft", row.clientTtftMillis());
            row.stageMillis().forEach(r::put);
            r.put("remainder", row.remainderMillis());
            rowMaps.put(name, r);
        });
        m.put("rows", rowMaps);
        return m;
    }

    /** The breakdown table for the console. */
    public String render() {
        StringBuilder out = new StringBuilder(String.format(Locale.US,
                "TTFT breakdown (ms; %d requests with stage reports, %d without; pN = the request at the N-th"
                        + " percentile of client TTFT)%n", requestsWithReports, requestsWithout));
        out.append(String.format(Locale.US, "%-6s %12s", "row", "client_ttft"));
        for (String s : stages) {
            out.append(String.format(Locale.US, " %" + Math.max(10, s.length()) + "s", s));
        }
        out.append(String.format(Locale.US, " %10s%n", "remainder"));
        rows.forEach((name, row) -> {
            out.append(String.format(Locale.US, "%-6s %12.2f", name, row.clientTtftMillis()));
            for (String s : stages) {
                out.append(String.format(Locale.US, " %" + Math.max(10, s.length()) + ".2f",
                        row.stageMillis().getOrDefault(s, 0.0)));
            }
            out.append(String.format(Locale.US, " %10.2f%n", row.remainderMillis()));
        });
        return out.toString();
    }
}
