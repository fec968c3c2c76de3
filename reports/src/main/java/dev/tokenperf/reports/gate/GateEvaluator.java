package dev.tokenperf.reports.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/** Evaluates checks against a result (and a baseline for relative checks). Pure: no I/O. */
public final class GateEvaluator {

    private GateEvaluator() {
    }

    /**
     * @param baseline the baseline's values, or null when there is none (relative checks then fail to parse
     *                 earlier: see {@link #requireBaseline})
     */
    public static List<GateOutcome> evaluate(List<GateCheck> checks, ResultValues result, ResultValues baseline) {
        List<GateOutcome> outcomes = new ArrayList<>();
        for (GateCheck check : checks) {
            outcomes.add(evaluate(check, result, baseline));
        }
        return outcomes;
    }

    /** @throws GateSyntaxException when a relative check has no baseline to relate to */
    public static void requireBaseline(List<GateCheck> checks, boolean haveBaseline) {
        for (GateCheck check : checks) {
            if (check.relative() && !haveBaseline) {
                throw new GateSyntaxException("gate '" + check.text() + "' is relative (signed value or %) and "
                        + "needs --baseline DIR");
            }
        }
    }

    private static GateOutcome evaluate(GateCheck check, ResultValues result, ResultValues baseline) {
        String tag = check.metric().tag();
        OptionalDouble actual = result.value(tag, check.stat());
        double base = Double.NaN;
        double limit = check.threshold();
        if (check.relative()) {
            OptionalDouble b = baseline.value(tag, check.stat());
            if (b.isEmpty()) {
                return new GateOutcome(check, actual.orElse(Double.NaN), Double.NaN, Double.NaN, false,
                        "the baseline has no " + check.name());
            }
            base = b.getAsDouble();
            limit = check.mode() == GateCheck.Mode.PERCENT
                    ? base + Math.abs(base) * check.threshold() / 100
                    : base + check.threshold();
        }
        if (actual.isEmpty()) {
            return new GateOutcome(check, Double.NaN, base, limit, false, "the result has no " + check.name());
        }
        boolean passed = check.op().holds(actual.getAsDouble(), limit);
        return new GateOutcome(check, actual.getAsDouble(), base, limit, passed, "");
    }
}
