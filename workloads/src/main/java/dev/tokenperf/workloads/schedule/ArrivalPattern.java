package dev.tokenperf.workloads.schedule;

import java.util.Locale;

/** How inter-arrival gaps of an open-loop schedule are drawn. */
public enum ArrivalPattern {
    /** Every gap equals 1 / rate: the smoothest load. */
    CONSTANT,
    /** Exponential gaps (coefficient of variation 1): independent users arriving at random. */
    POISSON,
    /** Gamma gaps with shape K ({@code --arrival-smoothness}); CV = 1/sqrt(K), K = 1 is Poisson. */
    GAMMA;

    /** The option spelling: {@code constant}, {@code poisson}, {@code gamma}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses an option value; the message lists the valid values. */
    public static ArrivalPattern parse(String text) {
        for (ArrivalPattern p : values()) {
            if (p.option().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an arrival pattern (constant, poisson, gamma)");
    }
}
