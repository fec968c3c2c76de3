package dev.tokenperf.reports.servermetrics;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Prometheus histogram at one moment, summed over all its label sets (vLLM labels by model and
 * engine): cumulative bucket counts by upper bound {@code le}, the sum and the count.
 *
 * @param name    the family name, without {@code _bucket}/{@code _sum}/{@code _count}
 * @param buckets upper bound to cumulative count, ascending, ending with +Inf when exposed
 * @param sum     sum of observed values
 * @param count   number of observations
 */
public record HistogramSnapshot(String name, TreeMap<Double, Double> buckets, double sum, double count) {

    public HistogramSnapshot {
        buckets = new TreeMap<>(buckets);
    }

    /** A histogram with no observations yet: what a series absent from a scrape had. */
    public static HistogramSnapshot empty(String name) {
        return new HistogramSnapshot(name, new TreeMap<>(), 0, 0);
    }

    /** The histogram {@code name} in the samples, or empty when the server does not expose it. */
    public static Optional<HistogramSnapshot> of(String name, List<PrometheusText.Sample> samples) {
        TreeMap<Double, Double> buckets = new TreeMap<>();
        double sum = 0;
        double count = 0;
        boolean found = false;
        for (PrometheusText.Sample s : samples) {
            if (s.name().equals(name + "_bucket")) {
                String le = s.labels().get("le");
                if (le != null) {
                    double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                    buckets.merge(bound, s.value(), Double::sum);
                    found = true;
                }
            } else if (s.name().equals(name + "_sum")) {
                sum += s.value();
                found = true;
            } else if (s.name().equals(name + "_count")) {
                count += s.value();
                found = true;
            }
        }
        return found ? Optional.of(new HistogramSnapshot(name, buckets, sum, count)) : Optional.empty();
    }
}
