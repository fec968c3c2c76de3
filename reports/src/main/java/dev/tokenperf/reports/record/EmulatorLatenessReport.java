package dev.tokenperf.reports.record;

import dev.tokenperf.reports.json.JsonNumbers;
import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How late the built-in emulator itself wrote its streamed chunks during the measured phase (its own account,
 * taken when its event loop woke to write). The emulator's configured timing is the truth only while this is
 * small: a late emulator shows up, correctly, in the measured TTFT and ITL, and this says how much of a bias is
 * the server's; the rest is the network and the client.
 *
 * @param firstChunks   streams whose first content chunk was written
 * @param first         lateness of those first chunks, ms
 * @param laterChunks   later content chunks written
 * @param later         lateness of the later chunks, ms
 */
public record EmulatorLatenessReport(long firstChunks, Stats first, long laterChunks, Stats later) {

    /**
     * One distribution of lateness, in milliseconds.
     *
     * @param mean mean (from the histogram, so within its 2-digit bucket precision)
     * @param p50  median
     * @param p99  99th percentile
     * @param max  largest
     */
    public record Stats(double mean, double p50, double p99, double max) {
        static Stats of(Histogram nanos) {
            if (nanos.getTotalCount() == 0) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            return new Stats(nanos.getMean() / 1e6, nanos.getValueAtPercentile(50) / 1e6,
                    nanos.getValueAtPercentile(99) / 1e6, nanos.getMaxValue() / 1e6);
        }

        Map<String, Object> asExportMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("avg", JsonNumbers.finiteOrNull(mean));
            m.put("p50", JsonNumbers.finiteOrNull(p50));
            m.put("p99", JsonNumbers.finiteOrNull(p99));
            m.put("max", JsonNumbers.finiteOrNull(max));
            return m;
        }
    }

    /** From the emulator's lateness histograms (nanoseconds) over the measured phase. */
    public static EmulatorLatenessReport of(Histogram firstChunkNanos, Histogram laterChunksNanos) {
        return new EmulatorLatenessReport(firstChunkNanos.getTotalCount(), Stats.of(firstChunkNanos),
                laterChunksNanos.getTotalCount(), Stats.of(laterChunksNanos));
    }

    /** The JSON shape of {@code profile_export_aiperf.json}'s {@code emulator_lateness}. */
    public Map<String, Object> asExportMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", "ms");
        m.put("first_chunks", firstChunks);
        m.put("first_chunk", first.asExportMap());
        m.put("later_chunks", laterChunks);
        m.put("later_chunk", later.asExportMap());
        return m;
    }

    /** One console line. */
    public String describe() {
        return String.format(Locale.US, "emulator lateness (its own, measured phase): first chunks mean %.3f ms, "
                        + "p99 %.3f ms; later chunks mean %.3f ms, p99 %.3f ms (included, correctly, in TTFT/ITL)",
                first.mean, first.p99, later.mean, later.p99);
    }
}
