package dev.tokenperf.cli;

import dev.tokenperf.reports.metrics.GoodputSlos;
import picocli.CommandLine.Option;

/** {@code --goodput}: the SLOs a request must meet to count as good. */
public final class GoodputOptions {
    @Option(names = "--goodput", paramLabel = "SLOS",
            description = "Count requests meeting every SLO and report goodput (requests/s), e.g. "
                    + "\"ttft:300 itl:20\" (ms for latencies; metric aliases ttft, ttst, itl, icl, latency, "
                    + "tps_user or tags).")
    String goodput;

    /** The parsed SLOs, {@code fallback} (e.g. from a gate file) when the flag is absent, or null. */
    GoodputSlos slos(String fallback) {
        String text = goodput != null ? goodput : fallback;
        if (text == null) {
            return null;
        }
        try {
            return GoodputSlos.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--goodput: " + e.getMessage());
        }
    }
}
