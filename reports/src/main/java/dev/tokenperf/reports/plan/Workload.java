package dev.tokenperf.reports.plan;

/**
 * What each request asks for, as the flags set it (a dataset or trace may replace the synthetic prompts).
 *
 * @param isl               prompt length in tokens
 * @param osl               max_tokens, or -1 to leave the server's default
 * @param islStddev         synthetic prompt length spread
 * @param oslStddev         synthetic output length spread
 * @param seqDist           mixed (ISL, OSL) distribution as given, or null
 * @param sharedPrefixTokens tokens of a prefix shared by prompts, or 0
 * @param prefixPromptCount distinct shared prefixes
 * @param seed              seed of prompts and schedules
 * @param conversations     the session settings of a session run, or null for single-turn requests
 */
public record Workload(int isl, int osl, double islStddev, double oslStddev, String seqDist, int sharedPrefixTokens,
                       int prefixPromptCount, long seed, Conversations conversations) {
    /** Distinct prompts prepared per phase; longer runs cycle through them. */
    public static final int MAX_DISTINCT_PROMPTS = 1000;

    public Workload {
        Limits.between("--isl", isl, 1, Limits.MAX_TOKENS, "tokens");
        if (osl != -1) {
            Limits.between("--osl", osl, 1, Limits.MAX_TOKENS, "tokens");
        }
        Limits.between("--isl-stddev", islStddev, 0, Limits.MAX_TOKENS, "tokens");
        Limits.between("--osl-stddev", oslStddev, 0, Limits.MAX_TOKENS, "tokens");
        Limits.between("--shared-prefix-tokens", sharedPrefixTokens, 0, Limits.MAX_TOKENS, "tokens");
    }

    /** A single-turn workload. */
    public Workload(int isl, int osl, double islStddev, double oslStddev, String seqDist, int sharedPrefixTokens,
                    int prefixPromptCount, long seed) {
        this(isl, osl, islStddev, oslStddev, seqDist, sharedPrefixTokens, prefixPromptCount, seed, null);
    }

    /** True when the measured unit is a multi-turn session. */
    public boolean sessions() {
        return conversations != null;
    }

    /** Fixed-length synthetic prompts. */
    public static Workload fixed(int isl, int osl, long seed) {
        return new Workload(isl, osl, 0, 0, null, 0, 1, seed);
    }
}
