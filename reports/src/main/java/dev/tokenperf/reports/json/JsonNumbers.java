package dev.tokenperf.reports.json;

/**
 * The two ways a {@code double} that may have no value is written to JSON, which has neither NaN nor infinity.
 * Each export picks the meaning it needs; nothing else converts doubles for JSON.
 */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    /**
     * NaN, the "not measured" marker (e.g. no ITL in a non-streaming sweep point), becomes null; every other
     * value, infinities included, is written as it is.
     */
    public static Double nanAsNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** Only a finite value is written; NaN and infinities (a ratio over a zero gap, ...) become null. */
    public static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
