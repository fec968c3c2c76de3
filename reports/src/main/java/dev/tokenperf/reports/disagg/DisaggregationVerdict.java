package dev.tokenperf.reports.disagg;

import dev.tokenperf.reports.json.JsonNumbers;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.record.RequestRecord;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Says whether a streaming server returned its first token before the KV cache reached the decode worker
 * (disaggregated prefill returning the first token itself) or after it (decode returns it, or the server is
 * not disaggregated), from the saved records alone.
 *
 * <p>Per request with at least {@value #MIN_CHUNKS} content chunks: TTST is the gap between the first two
 * chunks; the steady gap is the median of the later inter-chunk gaps (the first gap excluded; both as
 * {@link MetricRegistry} defines them); the ratio is
 * TTST / steady gap and the extra gap is TTST &minus; steady gap. A server that sends the first token from
 * prefill makes every client wait for the KV transfer and decode admission between the first and second
 * token, so TTST is consistently larger than the steady gap.
 *
 * <p>Over the run:
 * <ol>
 *   <li>{@code inconclusive} when the run did not stream, when fewer than {@value #MIN_REQUESTS} requests
 *       have {@value #MIN_CHUNKS}+ chunks, or when more than {@value #MAX_COALESCED_FRACTION} of the usable
 *       requests got their second chunk in the same network read as the first (TTST then measures the
 *       client, not the server), or more than that fraction of all their gaps were coalesced;</li>
 *   <li>{@code first-token-before-kv-transfer} when the median ratio is at least {@value #BEFORE_RATIO} and
 *       the lower bound of the transfer estimate's 95% confidence interval is above zero;</li>
 *   <li>{@code first-token-after-kv-transfer-or-aggregated} when the median ratio is at most
 *       {@value #AFTER_RATIO};</li>
 *   <li>{@code inconclusive} otherwise (the ratio lies between the two thresholds).</li>
 * </ol>
 * The transfer estimate is the median extra gap; its confidence interval is the distribution-free
 * order-statistic interval of a median (binomial, normal approximation), so it needs no random seed.
 *
 * @param verdict        one of the three verdict names
 * @param reason         one sentence on why
 * @param streaming      whether the run streamed
 * @param requestsUsed   successful measured requests with at least {@value #MIN_CHUNKS} content chunks
 * @param ratio          TTST / steady gap over the used requests (median, p90), or null without requests
 * @param transfer       the extra gap TTST &minus; steady gap (median with CI), or null without requests
 * @param chunks         chunk accounting over the used requests
 */
public record DisaggregationVerdict(String verdict, String reason, boolean streaming, int requestsUsed,
                                    RatioStats ratio, TransferEstimate transfer, ChunkAccounting chunks) {

    public static final String BEFORE = "first-token-before-kv-transfer";
    public static final String AFTER = "first-token-after-kv-transfer-or-aggregated";
    public static final String INCONCLUSIVE = "inconclusive";

    /** Chunks a request needs: the first, the second (TTST) and at least one later gap. */
    public static final int MIN_CHUNKS = 3;
    /** Fewest usable requests for any verdict other than inconclusive. */
    public static final int MIN_REQUESTS = 10;
    /** Median TTST / gap ratio at or above which the first token came before the KV transfer. */
    public static final double BEFORE_RATIO = 2.0;
    /** Median TTST / gap ratio at or below which the first token came after it (or no transfer exists). */
    public static final double AFTER_RATIO = 1.5;
    /** Largest fraction of coalesced first gaps (or of all gaps) the verdict tolerates. */
    public static final double MAX_COALESCED_FRACTION = 0.25;

    private static final double Z_95 = 1.959964;

    /** Median and 90th percentile of the per-request TTST / steady gap ratio. */
    public record RatioStats(double median, double p90) {
    }

    /**
     * The median extra gap (TTST &minus; steady gap) with its 95% confidence interval, in milliseconds;
     * also the median steady gap for scale.
     */
    public record TransferEstimate(double medianMillis, double ciLowMillis, double ciHighMillis,
                                   double medianSteadyGapMillis) {
    }

    /**
     * How the used requests' tokens arrived.
     *
     * @param contentChunks        content chunks over the used requests
     * @param tokensPerChunk       server-reported output tokens / content chunks, over requests with usage;
     *                             NaN when no request reported usage
     * @param multiTokenChunks     chunks known to carry several tokens (requests whose usage exceeds their
     *                             chunk count contribute the excess; a lower bound)
     * @param coalescedChunks      chunks that arrived in the same network read as the previous chunk
     * @param coalescedFirstGaps   requests whose second chunk arrived in the same read as the first
     */
    public record ChunkAccounting(long contentChunks, double tokensPerChunk, long multiTokenChunks,
                                  long coalescedChunks, long coalescedFirstGaps) {
    }

    /** A tally for a run that streamed or not; feed it the run's records, then ask for {@link Tally#verdict()}. */
    public static Tally tally(boolean streaming) {
        return new Tally(streaming);
    }

    /**
     * Takes what the verdict needs from each record as the run's one pass goes by: two primitive columns, not an
     * object per request (a run can have millions). Warmup and failed requests are skipped.
     */
    public static final class Tally {
        private final boolean streaming;
        private double[] ttsts = new double[64];
        private double[] gaps = new double[64];
        private int n;
        private long chunks;
        private long usageTokens;
        private long usageChunks;
        private long multi;
        private long coalesced;
        private long coalescedFirst;
        private long gapCount;

        private Tally(boolean streaming) {
            this.streaming = streaming;
        }

        public void add(RequestRecord r) {
            if (!streaming || r.warmup() || !r.succeeded() || !r.streaming() || r.chunkCount() < MIN_CHUNKS) {
                return;
            }
            long[] t = r.chunkArrivalNanos();
            long[] reads = r.chunkReadIndexes();
            if (n == ttsts.length) {
                ttsts = Arrays.copyOf(ttsts, 2 * n);
                gaps = Arrays.copyOf(gaps, 2 * n);
            }
            ttsts[n] = MetricRegistry.ttstNanos(r);
            gaps[n] = MetricRegistry.steadyGapNanos(r);
            n++;
            chunks += t.length;
            gapCount += t.length - 1;
            // read ordinals start at 1; 0 means the record does not know them (older saved results)
            for (int i = 1; i < reads.length && reads[0] > 0; i++) {
                if (reads[i] == reads[i - 1]) {
                    coalesced++;
                    if (i == 1) {
                        coalescedFirst++;
                    }
                }
            }
            if (r.serverOutputTokens() >= 0) {
                usageTokens += r.serverOutputTokens();
                usageChunks += t.length;
                multi += Math.min(t.length, Math.max(0, r.serverOutputTokens() - t.length));
            }
        }

        /** The verdict over the records added so far. */
        public DisaggregationVerdict verdict() {
            if (!streaming) {
                return new DisaggregationVerdict(INCONCLUSIVE, "the run did not stream, so TTST cannot be measured",
                        false, 0, null, null, new ChunkAccounting(0, Double.NaN, 0, 0, 0));
            }
            return decide(Arrays.copyOf(ttsts, n), Arrays.copyOf(gaps, n), new ChunkAccounting(chunks,
                    usageChunks == 0 ? Double.NaN : (double) usageTokens / usageChunks, multi, coalesced,
                    coalescedFirst), gapCount);
        }
    }

    private static DisaggregationVerdict decide(double[] ttsts, double[] gaps, ChunkAccounting accounting,
                                                long gapCount) {
        int n = ttsts.length;
        long coalesced = accounting.coalescedChunks();
        long coalescedFirst = accounting.coalescedFirstGaps();
        if (n == 0) {
            return new DisaggregationVerdict(INCONCLUSIVE, "no successful request had " + MIN_CHUNKS
                    + " or more content chunks", true, 0, null, null, accounting);
        }
        double[] ratios = new double[n];
        double[] extra = new double[n];
        double[] steady = new double[n];
        for (int i = 0; i < n; i++) {
            double ttst = ttsts[i];
            double gap = gaps[i];
            // a zero gap (every later chunk coalesced) has no scale; count the request as a large ratio
            ratios[i] = gap > 0 ? ttst / gap : (ttst > 0 ? Double.POSITIVE_INFINITY : 1.0);
            extra[i] = ttst - gap;
            steady[i] = gap;
        }
        Arrays.sort(ratios);
        Arrays.sort(extra);
        Arrays.sort(steady);
        RatioStats ratio = new RatioStats(sortedMedian(ratios), nearestRank(ratios, 90));
        double[] ci = medianConfidenceInterval(extra);
        TransferEstimate transfer = new TransferEstimate(sortedMedian(extra) / 1e6, ci[0] / 1e6, ci[1] / 1e6,
                sortedMedian(steady) / 1e6);

        String verdict;
        String reason;
        double firstCoalesced = (double) coalescedFirst / n;
        double allCoalesced = gapCount == 0 ? 0 : (double) coalesced / gapCount;
        if (n < MIN_REQUESTS) {
            verdict = INCONCLUSIVE;
            reason = "only " + n + " request(s) had " + MIN_CHUNKS + "+ content chunks; at least " + MIN_REQUESTS
                    + " are needed";
        } else if (firstCoalesced > MAX_COALESCED_FRACTION || allCoalesced > MAX_COALESCED_FRACTION) {
            verdict = INCONCLUSIVE;
            reason = String.format(Locale.US, "chunks arrive coalesced (%.0f%% of first gaps, %.0f%% of all gaps"
                    + " in one network read; limit %.0f%%), so TTST measures the client, not the server",
                    100 * firstCoalesced, 100 * allCoalesced, 100 * MAX_COALESCED_FRACTION);
        } else if (ratio.median() >= BEFORE_RATIO && transfer.ciLowMillis() > 0) {
            verdict = BEFORE;
            reason = String.format(Locale.US, "TTST is %.1fx the steady gap (median; >= %.1f) and exceeds it by"
                    + " %.2f ms [95%% CI %.2f, %.2f]: the first token came before the KV transfer",
                    ratio.median(), BEFORE_RATIO, transfer.medianMillis(), transfer.ciLowMillis(),
                    transfer.ciHighMillis());
        } else if (ratio.median() <= AFTER_RATIO) {
            verdict = AFTER;
            reason = String.format(Locale.US, "TTST is %.2fx the steady gap (median; <= %.1f): no transfer gap"
                    + " after the first token", ratio.median(), AFTER_RATIO);
        } else {
            verdict = INCONCLUSIVE;
            reason = String.format(Locale.US, "median TTST / gap ratio %.2f lies between %.1f and %.1f"
                    + (ratio.median() >= BEFORE_RATIO ? " or the transfer CI includes 0" : ""),
                    ratio.median(), AFTER_RATIO, BEFORE_RATIO);
        }
        return new DisaggregationVerdict(verdict, reason, true, n, ratio, transfer, accounting);
    }

    /** The verdict in {@code profile_export_aiperf.json}'s {@code first_token_verdict} shape. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", verdict);
        m.put("reason", reason);
        m.put("sample_size", requestsUsed);
        if (ratio != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("median", JsonNumbers.finiteOrNull(ratio.median()));
            r.put("p90", JsonNumbers.finiteOrNull(ratio.p90()));
            m.put("ttst_to_gap_ratio", r);
        }
        if (transfer != null) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("unit", "ms");
            t.put("median", transfer.medianMillis());
            t.put("ci95_low", transfer.ciLowMillis());
            t.put("ci95_high", transfer.ciHighMillis());
            t.put("ci_method", "order-statistic interval of the median");
            t.put("median_steady_gap", transfer.medianSteadyGapMillis());
            m.put("transfer_estimate", t);
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("content_chunks", chunks.contentChunks());
        c.put("tokens_per_chunk", JsonNumbers.finiteOrNull(chunks.tokensPerChunk()));
        c.put("multi_token_chunks", chunks.multiTokenChunks());
        c.put("coalesced_chunks", chunks.coalescedChunks());
        c.put("coalesced_first_gaps", chunks.coalescedFirstGaps());
        m.put("chunk_accounting", c);
        Map<String, Object> th = new LinkedHashMap<>();
        th.put("min_chunks_per_request", MIN_CHUNKS);
        th.put("min_requests", MIN_REQUESTS);
        th.put("before_ratio", BEFORE_RATIO);
        th.put("after_ratio", AFTER_RATIO);
        th.put("max_coalesced_fraction", MAX_COALESCED_FRACTION);
        m.put("thresholds", th);
        return m;
    }

    /** A few lines for the console, after the metric table. */
    public String render() {
        StringBuilder out = new StringBuilder("First token verdict: ").append(verdict).append('\n');
        out.append("  ").append(reason).append('\n');
        if (ratio != null) {
            out.append(String.format(Locale.US, "  TTST/gap ratio median %.2f, p90 %.2f over %d requests;"
                    + " extra gap (transfer estimate) %.2f ms [95%% CI %.2f, %.2f], steady gap %.2f ms%n",
                    ratio.median(), ratio.p90(), requestsUsed, transfer.medianMillis(), transfer.ciLowMillis(),
                    transfer.ciHighMillis(), transfer.medianSteadyGapMillis()));
            out.append(String.format(Locale.US, "  chunks %d, tokens/chunk %s, multi-token chunks %d,"
                    + " coalesced chunks %d (first gaps %d)%n", chunks.contentChunks(),
                    Double.isNaN(chunks.tokensPerChunk()) ? "n/a"
                            : String.format(Locale.US, "%.2f", chunks.tokensPerChunk()),
                    chunks.multiTokenChunks(), chunks.coalescedChunks(), chunks.coalescedFirstGaps()));
        }
        return out.toString();
    }

    private static double sortedMedian(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double nearestRank(double[] sorted, double percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * The 95% order-statistic interval of the median of {@code sorted}: ranks n/2 &plusmn; 1.96&middot;sqrt(n)/2
     * (clamped to the sample), which covers the true median with about 95% probability for any distribution.
     */
    static double[] medianConfidenceInterval(double[] sorted) {
        int n = sorted.length;
        double half = Z_95 * Math.sqrt(n) / 2;
        // 1-based ranks j = floor(n/2 - half) and k = ceil(1 + n/2 + half)
        int low = (int) Math.floor(n / 2.0 - half) - 1;
        int high = (int) Math.ceil(1 + n / 2.0 + half) - 1;
        return new double[] {sorted[Math.max(0, low)], sorted[Math.min(n - 1, high)]};
    }
}
