package dev.tokenperf.reports.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The servers requests go to ({@code --url}, one or several, as aiperf's repeatable {@code --url}) and the one
 * rule of which server request {@code i} of a phase goes to ({@code --url-strategy}): replicas behind no load
 * balancer, compared in one run. A multi-turn session goes to one server as a whole, chosen by its session
 * index, since its prefix cache lives on that replica.
 *
 * @param urls     the servers' base URLs, normalised by the profiler, in the order given
 * @param strategy how request {@code i} picks its server
 */
public record UrlSelection(List<String> urls, ModelSelection.Strategy strategy) {
    /** The strategy's flag. */
    public static final String FLAG = "--url-strategy";

    public UrlSelection {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("--url needs at least one URL");
        }
        Set<String> seen = new HashSet<>();
        for (String url : urls) {
            if (!seen.add(url)) {
                throw new IllegalArgumentException("--url " + url + " is given twice; each --url must be a "
                        + "different server");
            }
        }
    }

    /** One server. */
    public static UrlSelection of(String url) {
        return new UrlSelection(List.of(url), ModelSelection.Strategy.ROUND_ROBIN);
    }

    /** The first server: the one asked for its models and scraped for its metrics. */
    public String first() {
        return urls.get(0);
    }

    /** True with more than one server: records then name theirs and statistics are kept per server. */
    public boolean several() {
        return urls.size() > 1;
    }

    /**
     * The position in {@link #urls} of the server request {@code index} goes to: {@code index mod n} in turn, or,
     * at random, a draw that depends only on {@code seed} and {@code index} (so a rerun with the same
     * {@code --random-seed} sends each request to the same server, whatever order requests are issued in).
     * Arithmetic only: called once per request on an event loop.
     *
     * @param seed the run's seed ({@code --random-seed})
     */
    public int indexOf(long index, long seed) {
        int n = urls.size();
        if (n == 1) {
            return 0;
        }
        return strategy == ModelSelection.Strategy.RANDOM
                ? (int) Long.remainderUnsigned(SeedMix.mix(seed + index * SeedMix.GOLDEN), n)
                : (int) Math.floorMod(index, (long) n);
    }
}
