package dev.tokenperf.cli;

import dev.tokenperf.emulator.PrefixCacheSettings;
import picocli.CommandLine.Option;

/** The emulator's prefix cache, shared by {@code emulate} and {@code cache-probe --emulate}. */
public final class PrefixCacheOptions {
    @Option(names = "--kv-cache-tokens", paramLabel = "N", defaultValue = "0",
            description = "Emulator: prefix-cache capacity in tokens, evicted least recently used; prefill is "
                    + "charged for uncached tokens only. Default: ${DEFAULT-VALUE} (no prefix cache).")
    int capacityTokens;

    @Option(names = "--block-size", paramLabel = "N", defaultValue = "16",
            description = "Emulator: tokens per prefix-cache block (only full blocks are cached). "
                    + "Default: ${DEFAULT-VALUE}.")
    int blockSize;

    /** The validated settings. */
    PrefixCacheSettings settings() {
        try {
            return new PrefixCacheSettings(blockSize, capacityTokens);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
