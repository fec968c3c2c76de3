package dev.tokenperf.reports.metrics;

/** What a metric's values are computed from, so a reader knows what it must load to compute it again. */
public enum MetricSource {
    /** Zero or more values per successful measured record: a distribution. */
    REQUEST,
    /** One number from the run's totals (counts, token sums, benchmark duration). */
    RUN,
    /** One number over the successful measured records that meet the goodput SLOs; absent without SLOs. */
    SLOS,
    /** One value per measured multi-turn session, from its turns' records (grouped by session id): a distribution. */
    SESSION,
    /** One number from the run's GPU energy ({@code --gpu-telemetry}) and totals; absent without telemetry. */
    ENERGY,
    /**
     * One number over the successful measured records whose usage reported the prompt tokens the server's prefix
     * cache served ({@code cached_tokens}); absent when none did.
     */
    PREFIX_CACHE
}
