package dev.tokenperf.reports.plan;

import java.time.Instant;

/**
 * When and where a shard's measured phase started, so that a merge can line shards up and say how far apart they
 * started.
 *
 * @param host                   this machine's host name
 * @param wallClockStart         the wall clock when the measured phase started
 * @param monotonicOriginNanos   the monotonic clock ({@code System.nanoTime}) the run's record times count from
 * @param monotonicStartNanos    the monotonic clock when the measured phase started
 * @param serverDateOffsetSeconds the target server's {@code Date} header minus this machine's clock, in whole
 *                               seconds, from its first response; null when it sent none
 */
public record ShardClock(String host, Instant wallClockStart, long monotonicOriginNanos, long monotonicStartNanos,
                         Long serverDateOffsetSeconds) {
}
