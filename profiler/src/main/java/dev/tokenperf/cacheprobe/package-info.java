/**
 * {@code tokenperf cache-probe}: does a server's KV (prefix) cache help? One long document is sent cold, then
 * warm, optionally after a flush, and the time to first token of each request is measured by the profiler's
 * own client ({@link dev.tokenperf.client.NettyClient}, {@link dev.tokenperf.measure.RequestTrace}), so it is
 * stamped exactly as in {@code profile}. The package knows no command line: the CLI hands it a
 * {@link dev.tokenperf.cacheprobe.ProbePlan} and maps its {@link dev.tokenperf.cacheprobe.ProbeFailedException}.
 */
package dev.tokenperf.cacheprobe;
