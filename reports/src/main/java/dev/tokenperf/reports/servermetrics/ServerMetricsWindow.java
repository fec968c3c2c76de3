package dev.tokenperf.reports.servermetrics;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a metrics endpoint said about the run window, from its scrapes: the first (before the measured
 * phase), the samples taken during it, and the last (after it). A histogram or counter absent from the first
 * scrape was created during the window (servers and exporters create a labelled series at its first
 * observation), so it counts from zero.
 *
 * @param histograms the histograms, last minus first
 * @param activity   the counters (last minus first) and the gauges of every scrape
 * @param notes      what could not be reported, and why
 */
public record ServerMetricsWindow(List<HistogramWindow> histograms, ServerActivity activity, List<String> notes) {

    public ServerMetricsWindow {
        histograms = List.copyOf(histograms);
        notes = List.copyOf(notes);
    }

    /**
     * @param scrapes the first scrape, the samples and the last scrape, in time order (at least two)
     */
    public static ServerMetricsWindow of(List<MetricsScrape> scrapes) {
        if (scrapes.size() < 2) {
            throw new IllegalArgumentException("a window needs a first and a last scrape, got " + scrapes.size());
        }
        MetricsScrape first = scrapes.get(0);
        MetricsScrape last = scrapes.get(scrapes.size() - 1);
        List<String> notes = new ArrayList<>();
        List<HistogramWindow> histograms = new ArrayList<>();
        for (Map.Entry<String, HistogramSnapshot> e : last.histograms().entrySet()) {
            HistogramSnapshot start = first.histograms().getOrDefault(e.getKey(), HistogramSnapshot.empty(e.getKey()));
            try {
                histograms.add(HistogramWindow.between(start, e.getValue()));
            } catch (IllegalArgumentException bad) {
                notes.add(bad.getMessage());
            }
        }
        double windowSeconds = (last.atNanos() - first.atNanos()) / 1e9;
        List<CounterWindow> counters = new ArrayList<>();
        Map<ServerQuantity, List<GaugeSeries.Sample>> samples = new EnumMap<>(ServerQuantity.class);
        Map<ServerQuantity, String> gaugeNames = new EnumMap<>(ServerQuantity.class);
        for (ServerQuantity q : ServerQuantity.values()) {
            if (q.isCounter()) {
                ServerQuantity.Reading end = last.readings().get(q);
                if (end != null) {
                    ServerQuantity.Reading start = first.readings().get(q);
                    double total = end.value() - (start == null ? 0 : start.value());
                    if (total < 0) {
                        notes.add(end.metric() + " went down during the run (server restarted?)");
                    } else {
                        counters.add(new CounterWindow(q, end.metric(), total, windowSeconds));
                    }
                }
                continue;
            }
            for (MetricsScrape s : scrapes) {
                ServerQuantity.Reading r = s.readings().get(q);
                if (r != null) {
                    samples.computeIfAbsent(q, k -> new ArrayList<>())
                            .add(new GaugeSeries.Sample((s.atNanos() - first.atNanos()) / 1e6, r.value()));
                    gaugeNames.putIfAbsent(q, r.metric());
                }
            }
        }
        List<GaugeSeries> gauges = new ArrayList<>();
        samples.forEach((q, list) -> gauges.add(new GaugeSeries(q, gaugeNames.get(q), list)));
        return new ServerMetricsWindow(histograms, new ServerActivity(counters, gauges), notes);
    }
}
