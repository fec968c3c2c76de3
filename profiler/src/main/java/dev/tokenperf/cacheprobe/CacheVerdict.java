package dev.tokenperf.cacheprobe;

import java.util.List;
import java.util.Locale;

/**
 * What the cold and warm times to first token of one context limit say about the cache. The speed-up is the
 * mean cold TTFT over the mean warm TTFT. {@code cache effective}: every warm request took at most half the
 * mean cold TTFT; {@code no benefit}: none took less than {@value #NO_BENEFIT_RATIO} of it; anything between,
 * or no warm request at all, is {@code inconclusive}.
 *
 * @param coldMeanNanos mean cold TTFT
 * @param warmMeanNanos mean warm TTFT, or -1 with no warm request
 * @param warmRuns      warm requests
 * @param fastWarmRuns  warm requests at most half the cold mean
 * @param kind          the verdict
 */
public record CacheVerdict(long coldMeanNanos, long warmMeanNanos, int warmRuns, int fastWarmRuns, Kind kind) {
    /** A warm request no faster than this fraction of the cold mean gained nothing that outlasts run-to-run noise. */
    static final double NO_BENEFIT_RATIO = 0.8;

    /** The three verdicts. */
    public enum Kind {
        CACHE_EFFECTIVE("cache effective"), NO_BENEFIT("no benefit"), INCONCLUSIVE("inconclusive");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The verdict of one context limit's rows (at least the cold baseline). */
    public static CacheVerdict of(List<ProbeRow> rows) {
        long[] cold = rows.stream().filter(r -> !r.warm()).mapToLong(ProbeRow::ttftNanos).toArray();
        long[] warm = rows.stream().filter(ProbeRow::warm).mapToLong(ProbeRow::ttftNanos).toArray();
        if (cold.length == 0) {
            throw new IllegalArgumentException("no cold request among " + rows.size() + " rows");
        }
        long coldMean = mean(cold);
        if (warm.length == 0) {
            return new CacheVerdict(coldMean, -1, 0, 0, Kind.INCONCLUSIVE);
        }
        int fast = 0;
        int slow = 0;
        for (long t : warm) {
            fast += t * 2 <= coldMean ? 1 : 0;
            slow += t >= NO_BENEFIT_RATIO * coldMean ? 1 : 0;
        }
        Kind kind = fast == warm.length ? Kind.CACHE_EFFECTIVE
                : slow == warm.length ? Kind.NO_BENEFIT : Kind.INCONCLUSIVE;
        return new CacheVerdict(coldMean, mean(warm), warm.length, fast, kind);
    }

    /** Mean cold TTFT over mean warm TTFT; NaN with no warm request. */
    public double speedUp() {
        return warmMeanNanos <= 0 ? Double.NaN : (double) coldMeanNanos / warmMeanNanos;
    }

    /** The console's lines: the speed-up and the verdict with its count. */
    public String describe() {
        if (warmRuns == 0) {
            return String.format(Locale.US, "cold TTFT %.3fs; no warm request to compare%nverdict: %s",
                    coldMeanNanos / 1e9, kind.text());
        }
        return String.format(Locale.US, "warm over cold: %.2fx faster (cold %.3fs, warm %.3fs)%n"
                        + "verdict: %s (%d of %d warm requests at most half the cold TTFT)",
                speedUp(), coldMeanNanos / 1e9, warmMeanNanos / 1e9, kind.text(), fastWarmRuns, warmRuns);
    }

    private static long mean(long[] values) {
        long sum = 0;
        for (long v : values) {
            sum += v;
        }
        return Math.round((double) sum / values.length);
    }
}
