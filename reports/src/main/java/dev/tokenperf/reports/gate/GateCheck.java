package dev.tokenperf.reports.gate;

import dev.tokenperf.reports.metrics.MetricAliases;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.Unit;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One gate check, {@code METRIC.STAT OP VALUE[UNIT]}: e.g. {@code ttft.p99<500ms},
 * {@code output_token_throughput>1200}, or relative to a baseline {@code itl.p90<+5%} (at most 5% above the
 * baseline's value) and {@code latency.avg<=+20ms} (at most 20 ms above it). A signed value or a percentage is
 * relative and needs a baseline; an unsigned value is absolute.
 *
 * @param text      the check as written
 * @param metric    the metric checked
 * @param stat      the statistic ({@code avg} for a run-level metric)
 * @param op        the comparison the actual value must satisfy
 * @param threshold the number as written, converted to the metric's display unit unless it is a percentage
 * @param mode      how the threshold relates to a baseline
 */
public record GateCheck(String text, MetricDefinition metric, String stat, Op op, double threshold, Mode mode) {

    /** The comparison operators. */
    public enum Op {
        LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(double actual, double limit) {
            return switch (this) {
                case LT -> actual < limit;
                case LE -> actual <= limit;
                case GT -> actual > limit;
                case GE -> actual >= limit;
            };
        }

        static Op of(String symbol) {
            for (Op op : values()) {
                if (op.symbol.equals(symbol)) {
                    return op;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    /** Absolute value, baseline plus a delta, or baseline scaled by a percentage. */
    public enum Mode { ABSOLUTE, DELTA, PERCENT }

    private static final Pattern SYNTAX = Pattern.compile(
            "([A-Za-z][A-Za-z0-9_]*)(?:\\.([A-Za-z0-9.]+))?\\s*(<=|>=|<|>)\\s*"
                    + "([+-])?(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*(ms|s|%)?");
    private static final Set<String> STATS = Set.of("avg", "min", "max", "std", "p1", "p5", "p10", "p25", "p50",
            "p75", "p90", "p95", "p99", "p99.9");
    private static final String FORMAT = "expected METRIC.STAT OP VALUE[UNIT] (e.g. ttft.p99<500ms, "
            + "output_token_throughput>1200, itl.p90<+5%)";

    /** True when the threshold is relative to a baseline. */
    public boolean relative() {
        return mode != Mode.ABSOLUTE;
    }

    /** The metric and statistic, as a user would type them. */
    public String name() {
        return metric.isDistribution() ? metric.tag() + "." + stat : metric.tag();
    }

    /**
     * Parses one check.
     *
     * @throws GateSyntaxException naming the check and what is valid
     */
    public static GateCheck parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = SYNTAX.matcher(trimmed);
        if (!m.matches()) {
            throw new GateSyntaxException("gate '" + trimmed + "': " + FORMAT);
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        MetricDefinition metric = MetricAliases.resolve(name).orElseThrow(() -> new GateSyntaxException("gate '"
                + trimmed + "': unknown metric '" + name + "'; use a profile_export_aiperf.json tag or " + MetricAliases.NAMES));
        String stat = m.group(2) == null ? null : m.group(2).toLowerCase(Locale.ROOT);
        if (metric.isDistribution()) {
            if (stat == null || !STATS.contains(stat)) {
                throw new GateSyntaxException("gate '" + trimmed + "': " + name + " needs a statistic, one of "
                        + "avg min max p50 p90 p95 p99 p99.9 std (e.g. " + name + ".p99)");
            }
        } else if (stat != null) {
            throw new GateSyntaxException("gate '" + trimmed + "': " + metric.tag()
                    + " is a run-level metric; drop '." + stat + "'");
        } else {
            stat = "avg";
        }
        String sign = m.group(4);
        double value = Double.parseDouble(m.group(5)) * ("-".equals(sign) ? -1 : 1);
        String unit = m.group(6);
        Mode mode = "%".equals(unit) ? Mode.PERCENT : sign != null ? Mode.DELTA : Mode.ABSOLUTE;
        if (unit != null && !unit.equals("%")) {
            value = toDisplayUnit(trimmed, metric, value, unit);
        }
        return new GateCheck(trimmed, metric, stat, Op.of(m.group(3)), value, mode);
    }

    private static double toDisplayUnit(String text, MetricDefinition metric, double value, String unit) {
        double seconds = unit.equals("ms") ? value / 1000 : value;
        if (metric.unit() == Unit.MS) {
            return seconds * 1000;
        }
        if (metric.unit() == Unit.SEC) {
            return seconds;
        }
        throw new GateSyntaxException("gate '" + text + "': " + metric.tag() + " is in " + metric.unit().label()
                + ", not a time; drop '" + unit + "'");
    }
}
