package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Console text of simulations: the resolved configuration and one table row per result. */
public final class SimulationTable {
    private static final String ROW = "%-20s %7s %8s %9s %9s %9s %9s %10s %10s %-26s %7s %9s%n";

    private SimulationTable() {
    }

    /** The resolved parameters: pools, arrivals, and the token distributions in log and real space. */
    public static String describe(SimulationConfig c) {
        StringBuilder out = new StringBuilder();
        out.append("model:    ").append(c.model().describe()).append('\n');
        out.append("arrivals: ").append(c.arrivals().describe()).append('\n');
        if (c.arrivals().trace() == null) {
            out.append("prompt:   ").append(c.promptTokens().describe()).append('\n');
            out.append("output:   ").append(c.outputTokens().describe()).append('\n');
        }
        out.append(String.format(Locale.US, "time:     %.0f simulated s, first %.0f s excluded as warmup, seed %d%n",
                c.simSeconds(), c.warmupSeconds(), c.seed()));
        return out.toString();
    }

    /** A header and one row per result, then a warning for each result with too few completed requests. */
    public static String render(List<SimulationResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, ROW, "mode", "rate/s", "r_p", "TTFT mean", "p50", "p90", "p99",
                "prefill W", "decode W", "utilisation (rho)", "thr/s", "completed"));
        for (SimulationResult r : results) {
            ServingModel m = r.config().model();
            out.append(String.format(Locale.US, ROW, label(m),
                    fmt(r.config().arrivals().ratePerSecond()), fmt(m.prefillTokensPerSecond()),
                    ms(r.ttft().meanMs()), ms(r.ttft().p50Ms()), ms(r.ttft().p90Ms()), ms(r.ttft().p99Ms()),
                    ms(r.prefillWait().meanMs()), ms(r.decodeWait().meanMs()), pools(r.pools()),
                    fmt(r.throughputPerSecond()), r.completed()));
        }
        out.append("times in ms; W = mean queue wait; utilisation = busy share of each pool's slots, "
                + "rho = offered load\n");
        for (SimulationResult r : results) {
            if (r.completed() < SimulationResult.FEW_COMPLETED) {
                out.append(String.format(Locale.US, "warning: only %d requests completed at %s/s (%s); "
                                + "percentiles are noisy below %d: raise --sim-seconds%n", r.completed(),
                        fmt(r.config().arrivals().ratePerSecond()), label(r.config().model()),
                        SimulationResult.FEW_COMPLETED));
            }
        }
        return out.toString();
    }

    /** The mode as the CLI names it: {@code agg}, or the disaggregated mode's name. */
    public static String label(ServingModel m) {
        return m.mode() == ServingMode.AGGREGATED_POOL ? "agg" : m.mode().option();
    }

    private static String pools(List<PoolStat> pools) {
        return pools.stream().map(p -> String.format(Locale.US, "%s %.2f (%.2f)", p.name(), p.utilisation(),
                p.offeredLoad())).collect(Collectors.joining(" "));
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.US, "%.1f", value);
    }

    /** A number as short as it can be: whole numbers without decimals, else three significant digits. */
    public static String fmt(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.US, "%.3g", value);
        return text.contains(".") && !text.contains("e") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }
}
