package dev.tokenperf.reports.plan;

import java.util.Locale;

/**
 * The finite ranges of numeric options, and the one check that enforces them: NaN, infinities and values so large
 * that a later conversion to nanoseconds or a deadline overflows are refused with a message naming the flag and
 * its range, instead of silently becoming 0, "never" or an unbounded request.
 */
public final class Limits {
    /** The longest time any option may name (30 days): far beyond any run, far below a nanosecond overflow. */
    public static final double MAX_SECONDS = 30 * 24 * 3600.0;
    /** The most tokens a length option may name. */
    public static final int MAX_TOKENS = 10_000_000;
    /** The highest rate or speed-up factor. */
    public static final double MAX_RATE = 1_000_000;
    /** The longest emulator or client latency option, in milliseconds (one hour). */
    public static final double MAX_MILLIS = 3_600_000;

    private Limits() {
    }

    /**
     * {@code value} when {@code min <= value <= max}.
     *
     * @throws IllegalArgumentException naming {@code flag}, the range and {@code unit} otherwise (also for NaN)
     */
    public static double between(String flag, double value, double min, double max, String unit) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(flag + " must be between " + text(min) + " and " + text(max)
                    + unit(unit) + ", got " + text(value));
        }
        return value;
    }

    /**
     * {@code value} when {@code 0 < value <= max}.
     *
     * @throws IllegalArgumentException naming {@code flag}, the range and {@code unit} otherwise (also for NaN)
     */
    public static double positive(String flag, double value, double max, String unit) {
        if (!(value > 0 && value <= max)) {
            throw new IllegalArgumentException(flag + " must be > 0 and at most " + text(max) + unit(unit)
                    + ", got " + text(value));
        }
        return value;
    }

    private static String unit(String unit) {
        return unit.isEmpty() ? "" : " " + unit;
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
