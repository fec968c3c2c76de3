package dev.tokenperf.emulator;

import java.util.LinkedHashMap;

/**
 * The emulator's automatic prefix cache, in the manner of vLLM's: a prompt's token ids are cut into blocks
 * of {@code blockSize}; each full block is named by a hash chained over every block before it, so a block
 * matches only when the whole prefix up to its end matches. A prompt's cached tokens are its leading run of
 * blocks already held, within its first {@code n - 1} tokens (vLLM always computes the last prompt token).
 * After the lookup every full block of the prompt is held, most recently used last, and the least recently
 * used blocks are evicted beyond {@code capacityTokens / blockSize} blocks, so large unrelated prompts flush it.
 * Counters follow vLLM's {@code prefix_cache_queries} / {@code prefix_cache_hits}, in tokens.
 * Lookups from several event loops are serialised on the block table; hashing happens outside the lock.
 */
final class PrefixCache {
    private final int blockSize;
    private final int capacityBlocks;
    /** Block hash to nothing, in access order: the LRU order of vLLM's free-block queue. */
    private final LinkedHashMap<Long, Boolean> blocks = new LinkedHashMap<>(1024, 0.75f, true);

    /**
     * @param settings block size and capacity; must be enabled
     */
    PrefixCache(PrefixCacheSettings settings) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("a prefix cache needs a capacity of at least one block");
        }
        this.blockSize = settings.blockSize();
        this.capacityBlocks = settings.capacityTokens() / settings.blockSize();
    }

    /**
     * Looks {@code promptIds} up, then caches its full blocks.
     *
     * @return the prompt's leading tokens that were cached, a multiple of the block size
     */
    int admit(int[] promptIds) {
        long[] hashes = blockHashes(promptIds);
        int lookupBlocks = Math.max(0, promptIds.length - 1) / blockSize;
        int hitBlocks = 0;
        synchronized (blocks) {
            while (hitBlocks < lookupBlocks && blocks.containsKey(hashes[hitBlocks])) {
                hitBlocks++;
            }
            for (long hash : hashes) {
                blocks.put(hash, Boolean.TRUE);
            }
            var eldest = blocks.keySet().iterator();
            while (blocks.size() > capacityBlocks) {
                eldest.next();
                eldest.remove();
            }
        }
        int cached = hitBlocks * blockSize;
        return cached;
    }

    /** One chained hash per full block: block {@code i}'s hash covers tokens {@code [0, (i + 1) * blockSize)}. */
    private long[] blockHashes(int[] ids) {
        long[] hashes = new long[ids.length / blockSize];
        long hash = 0x9E3779B97F4A7C15L;
        for (int b = 0; b < hashes.length; b++) {
            for (int i = b * blockSize; i < (b + 1) * blockSize; i++) {
                hash = mix(hash * 31 + ids[i]);
            }
            hashes[b] = hash;
        }
        return hashes;
    }

    /** SplitMix64's finaliser: spreads every input bit over the hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

}
