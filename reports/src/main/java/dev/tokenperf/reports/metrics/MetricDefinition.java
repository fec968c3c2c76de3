package dev.tokenperf.reports.metrics;

import dev.tokenperf.reports.record.RequestRecord;

import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

/**
 * One metric: its aiperf tag, header, unit, direction, formula (as text for humans), {@link MetricSource source}
 * and how its values are derived. A per-request metric emits zero or more recorded values per successful record
 * (zero is its "no value" case, e.g. TTST with fewer than two chunks); a run metric is one number over the run.
 */
public final class MetricDefinition {

    /** Derives a per-request metric's recorded values from one record. */
    @FunctionalInterface
    public interface RequestValues {
        void emit(RequestRecord record, LongConsumer sink);
    }

    private final String tag;
    private final String header;
    private final Unit unit;
    private final Direction direction;
    private final String formula;
    private final MetricSource source;
    private final boolean streamingOnly;
    private final RequestValues requestValues;
    private final ToDoubleFunction<RunTotals> runValue;

    private MetricDefinition(String tag, String header, Unit unit, Direction direction, String formula,
                             MetricSource source, boolean streamingOnly, RequestValues requestValues,
                             ToDoubleFunction<RunTotals> runValue) {
        this.tag = Objects.requireNonNull(tag);
        this.header = Objects.requireNonNull(header);
        this.unit = Objects.requireNonNull(unit);
        this.direction = Objects.requireNonNull(direction);
        this.formula = Objects.requireNonNull(formula);
        this.source = Objects.requireNonNull(source);
        this.streamingOnly = streamingOnly;
        this.requestValues = requestValues;
        this.runValue = runValue;
    }

    static MetricDefinition perRequest(String tag, String header, Unit unit, Direction direction,
                                       String formula, boolean streamingOnly, RequestValues values) {
        return new MetricDefinition(tag, header, unit, direction, formula, MetricSource.REQUEST, streamingOnly, values,
                null);
    }

    static MetricDefinition perRun(String tag, String header, Unit unit, Direction direction, String formula,
                                   ToDoubleFunction<RunTotals> value) {
        return new MetricDefinition(tag, header, unit, direction, formula, MetricSource.RUN, false, null, value);
    }

    /** A run metric over the requests that meet the goodput SLOs ({@link RunTotals#goodRequests()}). */
    static MetricDefinition perRunWithSlos(String tag, String header, Unit unit, Direction direction, String formula,
                                           ToDoubleFunction<RunTotals> value) {
        return new MetricDefinition(tag, header, unit, direction, formula, MetricSource.SLOS, false, null, value);
    }

    /** A distribution with one value per session of a session run; the summary's session pass computes it. */
    static MetricDefinition perSession(String tag, String header, Unit unit, Direction direction, String formula) {
        return new MetricDefinition(tag, header, unit, direction, formula, MetricSource.SESSION, false, null, null);
    }

    /** A run metric over the GPU energy of the window ({@link RunTotals#energy()}). */
    static MetricDefinition perRunWithEnergy(String tag, String header, Unit unit, Direction direction, String formula,
                                             ToDoubleFunction<RunTotals> value) {
        return new MetricDefinition(tag, header, unit, direction, formula, MetricSource.ENERGY, false, null, value);
    }

    /** A run metric over the records that reported cached prompt tokens; its value is NaN (absent) when none did. */
    static MetricDefinition perRunWithCache(String tag, String header, Unit unit, Direction direction, String formula,
                                            ToDoubleFunction<RunTotals> value) {
        return new MetricDefinition(tag, header, unit, direction, formula, MetricSource.PREFIX_CACHE, false, null,
                value);
    }

    public String tag() {
        return tag;
    }

    public String header() {
        return header;
    }

    public Unit unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    public String formula() {
        return formula;
    }

    public MetricSource source() {
        return source;
    }

    /** True for the TTFT family, which a non-streaming run cannot measure and so leaves absent. */
    public boolean streamingOnly() {
        return streamingOnly;
    }

    /** True when the metric has a distribution over requests (percentiles); false for a run-level scalar. */
    public boolean isDistribution() {
        return requestValues != null || source == MetricSource.SESSION;
    }

    public void emit(RequestRecord record, LongConsumer sink) {
        requestValues.emit(record, sink);
    }

    public double runValue(RunTotals totals) {
        return runValue.applyAsDouble(totals);
    }

    @Override
    public String toString() {
        return tag;
    }
}
