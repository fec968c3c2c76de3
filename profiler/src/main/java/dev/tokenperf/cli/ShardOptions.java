package dev.tokenperf.cli;

import dev.tokenperf.reports.plan.Shard;
import dev.tokenperf.reports.plan.StartAt;
import picocli.CommandLine.Option;

import java.time.Instant;

/** Running one shard of a load that several processes (machines, Kubernetes pods) produce together. */
public final class ShardOptions {
    /** Kubernetes sets it in each pod of an Indexed Job. */
    static final String JOB_INDEX_ENV = "JOB_COMPLETION_INDEX";

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Produce shard I of N of the configured load: its part of the concurrency, rate and "
                    + "request count, its slice of the prompts; merge the N results with merge --concurrent.")
    String shard;

    @Option(names = "--shard-index", paramLabel = "I",
            description = "The --shard index alone (0 to N-1); without it, $" + JOB_INDEX_ENV + " is used.")
    Integer shardIndex;

    @Option(names = "--shard-count", paramLabel = "N", description = "The --shard count alone.")
    Integer shardCount;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Hold the measured phase (after warmup) until TIME: an ISO-8601 instant "
                    + "(2026-12-01T05:00:00Z) or +S seconds from now, so shards on several machines start together.")
    String startAt;

    /** The shard the flags (or the environment) name. */
    Shard shard() {
        return Shard.of(shard, shardIndex, shardCount, System.getenv(JOB_INDEX_ENV));
    }

    /** When the measured phase starts, or null for as soon as it can. */
    Instant startAt(Instant now) {
        return startAt == null ? null : StartAt.parse(startAt, now);
    }
}
