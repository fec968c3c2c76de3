package dev.tokenperf.reports.metrics;

/** What a metric's values are computed from, so a reader knows what it must load to compute it again. */
public enum MetricSource {
    /** Zero or more values per successful measured record: a distribution. */
    REQUEST("each successful measured record"),
    /** One number from the run's totals (counts, token sums, benchmark duration). */
    RUN("the run's totals"),
    /** One number over the records that meet the goodput SLOs; absent when the run has no SLOs. */
    SLOS("each successful measured record judged against the goodput SLOs");

    private final String description;

    MetricSource(String description) {
        this.description = description;
    }

    /** Where the values come from, in words (for docs and {@code --help}-like listings). */
    public String description() {
        return description;
    }
}
