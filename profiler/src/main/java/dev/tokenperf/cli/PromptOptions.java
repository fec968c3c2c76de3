package dev.tokenperf.cli;

import picocli.CommandLine.Option;

/** How synthetic prompts are drawn: length spread, mixes, seed and shared prefixes. */
public final class PromptOptions {
    @Option(names = {"--isl-stddev", "--synthetic-input-tokens-stddev"}, paramLabel = "S", defaultValue = "0",
            description = "Standard deviation of the prompt length in tokens. Default: ${DEFAULT-VALUE}.")
    double islStddev;

    @Option(names = {"--osl-stddev", "--output-tokens-stddev"}, paramLabel = "S", defaultValue = "0",
            description = "Standard deviation of the output length in tokens. Default: ${DEFAULT-VALUE}.")
    double oslStddev;

    @Option(names = {"--seq-dist", "--sequence-distribution"}, paramLabel = "ISL[|SD],OSL[|SD]:PCT;...",
            description = "Mixed workload in aiperf's syntax: (ISL, OSL) pairs with percentages summing to 100 and "
                    + "an optional |stddev per length, e.g. \"128,64:70;4096|400,256:30\" (replaces --isl and --osl).")
    String seqDist;

    @Option(names = "--random-seed", paramLabel = "N",
            description = "Seed for prompts, lengths and arrival schedules: the same seed and tokenizer give "
                    + "byte-identical prompts and the same send times. "
                    + "Default: a new seed each run (printed and saved), so runs do not hit each other's cache.")
    Long randomSeed;

    @Option(names = {"--shared-prefix-tokens", "--prefix-prompt-length"}, paramLabel = "N", defaultValue = "0",
            description = "Start every prompt with one of --num-prefix-prompts shared prefixes of N tokens, to "
                    + "measure prefix-cache hits on purpose. Default: 0 (every prompt starts uniquely).")
    int sharedPrefixTokens;

    @Option(names = "--num-prefix-prompts", paramLabel = "K", defaultValue = "1",
            description = "How many distinct shared prefixes (with --shared-prefix-tokens). Default: ${DEFAULT-VALUE}.")
    int prefixPromptCount;
}
