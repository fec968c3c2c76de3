package dev.tokenperf.reports.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Which part of a run's load this process produces: shard {@code index} of {@code count}. Every rule of
 * splitting lives here, so that N shards together send exactly what one process would:
 * <ul>
 *   <li>a count (concurrency, request count, trace entries) of {@code C} gives shard {@code i}
 *       {@code C/N + (i < C%N ? 1 : 0)}, parts that differ by at most one and add up to {@code C};</li>
 *   <li>a rate {@code R} gives each shard {@code R/N}, drawn from its own seeded stream ({@link #seed});</li>
 *   <li>request {@code k} of the one-process run belongs to shard {@code k mod N} ({@link #owns}), so a shard
 *       sends positions {@code i, i+N, i+2N, ...} of the same prompt set ({@link #positions}).</li>
 * </ul>
 *
 * @param index this shard, 0 to {@code count - 1}
 * @param count shards of the run, at least 1
 */
public record Shard(int index, int count) {
    /** The whole run in one process. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1) {
            throw new IllegalArgumentException("--shard-count must be >= 1, got " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard-index must be between 0 and " + (count - 1) + " for "
                    + count + " shards, got " + index);
        }
    }

    /**
     * The shard the flags name. {@code --shard I/N} and {@code --shard-index I --shard-count N} are two spellings
     * (both may be given when they agree); without an index, {@code jobIndex} (Kubernetes'
     * {@code JOB_COMPLETION_INDEX}) is the index when {@code --shard-count} is given.
     *
     * @param spec     {@code --shard} as typed, or null
     * @param index    {@code --shard-index}, or null
     * @param count    {@code --shard-count}, or null
     * @param jobIndex the environment's {@code JOB_COMPLETION_INDEX}, or null
     * @throws IllegalArgumentException naming the flag when a value is malformed, out of range or inconsistent
     */
    public static Shard of(String spec, Integer index, Integer count, String jobIndex) {
        Shard fromSpec = spec == null ? null : parse(spec);
        if (fromSpec != null && ((index != null && index != fromSpec.index)
                || (count != null && count != fromSpec.count))) {
            throw new IllegalArgumentException("--shard " + spec + " disagrees with --shard-index/--shard-count ("
                    + index + "/" + count + "); give one spelling");
        }
        if (fromSpec != null) {
            return fromSpec;
        }
        if (index != null && count == null) {
            throw new IllegalArgumentException("--shard-index needs --shard-count");
        }
        if (count == null) {
            return WHOLE;
        }
        if (index != null) {
            return new Shard(index, count);
        }
        if (jobIndex == null) {
            throw new IllegalArgumentException("--shard-count needs --shard-index (or JOB_COMPLETION_INDEX set)");
        }
        try {
            return new Shard(Integer.parseInt(jobIndex.trim()), count);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard-index from JOB_COMPLETION_INDEX must be a number, got '"
                    + jobIndex + "'");
        }
    }

    private static Shard parse(String spec) {
        int slash = spec.indexOf('/');
        try {
            if (slash > 0) {
                int count = Integer.parseInt(spec.substring(slash + 1).trim());
                int index = Integer.parseInt(spec.substring(0, slash).trim());
                if (count < 1 || index < 0 || index >= count) {
                    throw new IllegalArgumentException("--shard " + spec + ": I must be between 0 and N-1 and "
                            + "N >= 1");
                }
                return new Shard(index, count);
            }
        } catch (NumberFormatException e) {
            // the message below says what the form is
        }
        throw new IllegalArgumentException("--shard must be I/N (e.g. 0/4), got '" + spec + "'");
    }

    /** True when one process runs the whole load. */
    public boolean whole() {
        return count == 1;
    }

    /** This shard's part of {@code total}: {@code total/N}, one more for the first {@code total mod N} shards. */
    public long share(long total) {
        return total / count + (index < total % count ? 1 : 0);
    }

    /**
     * This shard's part of {@code total} (a concurrency, a request count), refused when it is zero.
     *
     * @param flag what {@code total} is, for the message
     */
    public int positiveShare(String flag, long total) {
        long share = share(total);
        if (share < 1) {
            throw new IllegalArgumentException(flag + " " + total + " split over " + count + " shards leaves shard "
                    + index + " nothing; use at most " + total + " shards");
        }
        return (int) share;
    }

    /** This shard's part of a rate. */
    public double rate(double total) {
        return total / count;
    }

    /**
     * This shard's arrival seed: the run's seed for one process; otherwise a distinct, well-mixed seed per index,
     * so shards' streams are independent but each is reproducible from the run's seed.
     */
    public long seed(long runSeed) {
        if (whole()) {
            return runSeed;
        }
        // SplitMix64's finaliser over the seed and index: consecutive indices give unrelated seeds
        return SeedMix.mix(runSeed + SeedMix.GOLDEN * (index + 1));
    }

    /** Whether request {@code position} of the one-process run is this shard's. */
    public boolean owns(long position) {
        return position % count == index;
    }

    /** The elements of {@code all} at this shard's positions ({@code i, i+N, ...}), for a finite list such as a trace. */
    public <T> List<T> owned(List<T> all) {
        List<T> mine = new ArrayList<>();
        for (int k = index; k < all.size(); k += count) {
            mine.add(all.get(k));
        }
        return mine;
    }

    /**
     * This shard's cycle through {@code prompts}, which one process uses as request {@code k} → entry
     * {@code k mod size}: the entries of requests {@code i, i+N, i+2N, ...}, as many as it takes to repeat
     * ({@code size / gcd(size, N)}), so that this shard's request {@code j} → entry {@code j mod length} is the
     * one-process run's request {@code i + jN}.
     */
    public <T> List<T> positions(List<T> prompts) {
        if (whole()) {
            return prompts;
        }
        int size = prompts.size();
        int length = size / gcd(size, count);
        List<T> mine = new ArrayList<>(length);
        for (long j = 0; j < length; j++) {
            mine.add(prompts.get((int) ((index + j * count) % size)));
        }
        return mine;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
