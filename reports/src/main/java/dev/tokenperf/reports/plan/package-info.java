/**
 * The typed run plan: what {@code tokenperf profile} was asked to do, validated once (each rule in one compact
 * constructor whose message names the flag), written to {@code input_config} by {@link
 * dev.tokenperf.reports.plan.InputConfig} and read back from it into the same types. Pure data: no Netty, no
 * picocli; the profiler builds its network objects from it.
 */
package dev.tokenperf.reports.plan;
