package dev.tokenperf.reports.servermetrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scrape of a metrics endpoint found: the {@link ServerHistograms} and {@link ServerQuantity} readings
 * it exposes, stamped with the time the answer arrived.
 *
 * @param atNanos    {@link System#nanoTime()} when the answer was read
 * @param histograms the histograms found, by name
 * @param readings   the counters and gauges found
 */
public record MetricsScrape(long atNanos, Map<String, HistogramSnapshot> histograms,
                            Map<ServerQuantity, ServerQuantity.Reading> readings) {

    public MetricsScrape {
        histograms = Collections.unmodifiableMap(new LinkedHashMap<>(histograms));
        readings = readings.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(readings));
    }

    /** Picks the known histograms and quantities out of parsed samples. */
    public static MetricsScrape of(long atNanos, List<PrometheusText.Sample> samples) {
        Map<String, HistogramSnapshot> histograms = new LinkedHashMap<>();
        for (String name : ServerHistograms.ALL) {
            HistogramSnapshot.of(name, samples).ifPresent(h -> histograms.put(name, h));
        }
        Map<ServerQuantity, ServerQuantity.Reading> readings = new EnumMap<>(ServerQuantity.class);
        for (ServerQuantity q : ServerQuantity.values()) {
            q.readFrom(samples).ifPresent(r -> readings.put(q, r));
        }
        return new MetricsScrape(atNanos, histograms, readings);
    }

    /** Whether the endpoint exposed nothing this profiler knows. */
    public boolean isEmpty() {
        return histograms.isEmpty() && readings.isEmpty();
    }
}
