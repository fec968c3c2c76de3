package dev.tokenperf.emulator;

/**
 * The emulator's prefix cache: {@code capacityTokens} of KV cache in blocks of {@code blockSize} tokens.
 * A capacity of 0 turns it off, which keeps the emulator's timing independent of earlier requests.
 *
 * @param blockSize      tokens per KV block (vLLM's {@code --block-size})
 * @param capacityTokens KV cache capacity in tokens; 0 = no prefix cache
 */
public record PrefixCacheSettings(int blockSize, int capacityTokens) {
    /** No prefix cache: every prompt token is prefilled. */
    public static final PrefixCacheSettings DISABLED = new PrefixCacheSettings(16, 0);

    public PrefixCacheSettings {
        if (blockSize < 1) {
            throw new IllegalArgumentException("--block-size (" + blockSize + ") must be >= 1");
        }
        if (capacityTokens < 0) {
            throw new IllegalArgumentException("--kv-cache-tokens (" + capacityTokens + ") must be >= 0");
        }
        if (capacityTokens > 0 && capacityTokens < blockSize) {
            throw new IllegalArgumentException("--kv-cache-tokens (" + capacityTokens
                    + ") must hold at least one block of --block-size " + blockSize + " tokens, or be 0");
        }
    }

    /** True when prompts are cached. */
    public boolean enabled() {
        return capacityTokens > 0;
    }
}
