package dev.tokenperf.serving;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where the emulated server's first token comes from. */
public enum ServingMode {
    /** One worker prefills and decodes: the first token at prefill end, then one token per ITL (no transfer). */
    AGGREGATED("aggregated"),
    /** Disaggregated, first token returned by the prefill worker; a KV-transfer gap follows before decode tokens. */
    DISAGG_PREFILL_FIRST("disagg-prefill-first"),
    /** Disaggregated, prefill then KV transfer, and the first token comes from the decode worker. */
    DISAGG_DECODE_FIRST("disagg-decode-first"),
    /**
     * One pool of GPUs that each prefill a request and then decode it (no transfer): the first token at
     * prefill end, then one per decode step. The queueing counterpart of {@link #AGGREGATED}.
     */
    AGGREGATED_POOL("aggregated-pool");

    private final String option;

    ServingMode(String option) {
        this.option = option;
    }

    /** The name used on the command line and in YAML. */
    public String option() {
        return option;
    }

    /** Parses {@link #option()} (case-insensitive); the message lists the valid names. */
    public static ServingMode parse(String text) {
        for (ServingMode m : values()) {
            if (m.option.equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a mode; use one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(ServingMode::option).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return option;
    }
}
