package dev.tokenperf.reports.merge;

import dev.tokenperf.reports.load.SavedResult;
import dev.tokenperf.reports.plan.SavedPlan;
import dev.tokenperf.reports.plan.Shard;
import dev.tokenperf.reports.plan.ShardClock;
import dev.tokenperf.reports.record.RunFingerprint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs of a concurrent merge as the shards of one plan: whether they are all of it (same plan hash, indices
 * 0 to N-1, none missing or repeated), and how far apart they started.
 *
 * @param count    the plan's shard count, or 1 when the inputs are not shards
 * @param starts   each input's measured-phase start on its wall clock, in input order (null when it did not record
 *                 one)
 * @param origins  each input's record-time origin on its wall clock (its start less how long after the origin the
 *                 measured phase began), in input order (null when it did not record one)
 * @param warnings what is wrong but was allowed (a missing shard with {@code allowPartial})
 */
public record ShardSet(int count, List<Instant> starts, List<Instant> origins, List<String> warnings) {

    public ShardSet {
        starts = Collections.unmodifiableList(new ArrayList<>(starts));
        origins = Collections.unmodifiableList(new ArrayList<>(origins));
        warnings = List.copyOf(warnings);
    }

    /**
     * Checks that {@code inputs} that are shards are the whole of one plan.
     *
     * @param allowPartial whether a missing shard is a warning instead of a refusal
     * @throws IllegalArgumentException naming the input, or the missing or repeated index
     */
    public static ShardSet of(List<SavedResult> inputs, boolean allowPartial) {
        List<SavedPlan> plans = inputs.stream().map(SavedResult::plan).toList();
        List<Instant> starts = plans.stream().map(p -> p.facts().clock() == null ? null
                : p.facts().clock().wallClockStart()).toList();
        List<Instant> origins = plans.stream().map(p -> origin(p.facts().clock())).toList();
        int sharded = (int) plans.stream().filter(p -> !p.plan().shard().whole()).count();
        if (sharded == 0) {
            return new ShardSet(1, starts, origins, List.of());
        }
        if (sharded < plans.size()) {
            SavedResult whole = inputs.get(plans.indexOf(plans.stream().filter(p -> p.plan().shard().whole())
                    .findFirst().orElseThrow()));
            throw new IllegalArgumentException(whole.dir() + " is not a shard, the other inputs are; merge shards of "
                    + "one plan only");
        }
        String planHash = RunFingerprint.planSha256(inputs.get(0).result().configuration());
        int count = plans.get(0).plan().shard().count();
        Map<Integer, SavedResult> byIndex = new TreeMap<>();
        for (int k = 0; k < inputs.size(); k++) {
            SavedResult input = inputs.get(k);
            Shard shard = plans.get(k).plan().shard();
            String hash = RunFingerprint.planSha256(input.result().configuration());
            if (shard.count() != count || !hash.equals(planHash)) {
                throw new IllegalArgumentException(input.dir() + " (shard " + shard + ") is not a shard of the plan "
                        + "of " + inputs.get(0).dir() + " (shard " + plans.get(0).plan().shard() + "): plan hash "
                        + hash.substring(0, 12) + " vs " + planHash.substring(0, 12));
            }
            SavedResult before = byIndex.put(shard.index(), input);
            if (before != null) {
                throw new IllegalArgumentException("shard " + shard + " is given twice: " + before.dir() + " and "
                        + input.dir());
            }
        }
        List<String> warnings = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            if (!byIndex.containsKey(index)) {
                String missing = "shard " + index + "/" + count + " is missing";
                if (!allowPartial) {
                    throw new IllegalArgumentException(missing + "; pass --allow-partial to merge the others");
                }
                warnings.add(missing + ": the merged load is only part of the plan's");
            }
        }
        return new ShardSet(count, starts, origins, warnings);
    }

    private static Instant origin(ShardClock clock) {
        return clock == null ? null
                : clock.wallClockStart().minusNanos(clock.monotonicStartNanos() - clock.monotonicOriginNanos());
    }

    /**
     * How far to move input {@code k}'s record times so that every input's count from the earliest origin on the
     * wall clock (their timelines then line up, e.g. for time slices), or 0 when an input recorded no clock.
     */
    long alignmentNanos(int k) {
        if (origins.contains(null)) {
            return 0;
        }
        Instant earliest = origins.stream().min(Instant::compareTo).orElseThrow();
        return Duration.between(earliest, origins.get(k)).toNanos();
    }

    /** How far apart the inputs' measured phases started (latest minus earliest), or null when any is unknown. */
    public Duration startSkew() {
        if (starts.isEmpty() || starts.contains(null)) {
            return null;
        }
        Instant first = starts.stream().min(Instant::compareTo).orElseThrow();
        Instant last = starts.stream().max(Instant::compareTo).orElseThrow();
        return Duration.between(first, last);
    }

    /** What the merged result says about its shards, beside {@code mode} and {@code sources}. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shard_count", count == 1 ? null : count);
        Duration skew = startSkew();
        m.put("start_skew_ms", skew == null ? null : skew.toNanos() / 1e6);
        m.put("starts", starts.stream().map(s -> s == null ? null : s.toString()).toList());
        m.put("warnings", warnings);
        return m;
    }
}
