package dev.tokenperf.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One quantity sampled through a soak run, and whether it stays flat: it is growing when the mean of the last third
 * of its samples exceeds the mean of the first third by more than {@code tolerance} of it and by more than
 * {@code floor} (so that noise on a small value is not growth). Thirds, not the first and last sample, so that one
 * sample taken just before a GC or just after a burst of connections does not decide.
 */
final class SoakSeries {
    private final String name;
    private final String unit;
    private final double tolerance;
    private final double floor;
    private final List<Double> values = new ArrayList<>();

    SoakSeries(String name, String unit, double tolerance, double floor) {
        this.name = name;
        this.unit = unit;
        this.tolerance = tolerance;
        this.floor = floor;
    }

    void add(double value) {
        values.add(value);
    }

    /** True when the series grows (see the class comment); fewer than three samples never do. */
    boolean growing() {
        int third = values.size() / 3;
        if (third == 0) {
            return false;
        }
        double first = mean(0, third);
        double last = mean(values.size() - third, values.size());
        return last - first > Math.max(floor, tolerance * first);
    }

    private double mean(int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values.get(i);
        }
        return sum / (to - from);
    }

    /** {@code name: start S, end E, max M UNIT (N samples): flat|growing}; no unit, no space for it. */
    String describe() {
        if (values.isEmpty()) {
            return name + ": not sampled";
        }
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return String.format(Locale.US, "%s: start %.1f, end %.1f, max %.1f%s (%d samples): %s", name, values.get(0),
                values.get(values.size() - 1), max, unit.isEmpty() ? "" : " " + unit, values.size(),
                growing() ? "growing" : "flat");
    }
}
