package dev.tokenperf.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One run size of the cold-start benchmark: a closed loop at a concurrency, or Poisson arrivals at a rate (rate
 * above 0), of {@code requests} measured requests after {@code warmupRequests} warmup requests, as the
 * {@code tokenperf profile} flags a user would type.
 *
 * @param name           what {@code --cold-start-cases} calls it
 * @param concurrency    the closed loop's concurrency (unused when {@code rate} is above 0)
 * @param rate           Poisson arrivals per second, or 0 for a closed loop
 * @param requests       measured requests
 * @param warmupRequests {@code --warmup-request-count}
 */
public record ColdStartCase(String name, int concurrency, double rate, int requests, int warmupRequests) {
    /**
     * Issue 18's cases (the comparison with aiperf): closed loops warm up with their concurrency's worth of
     * requests, open loops with 32; and {@code c32-2048}, the run its whole-run CPU target is set on.
     */
    public static final List<ColdStartCase> ALL = List.of(
            new ColdStartCase("c1", 1, 0, 32, 1),
            new ColdStartCase("c32", 32, 0, 256, 32),
            new ColdStartCase("c256", 256, 0, 1024, 256),
            new ColdStartCase("r100", 0, 100, 1000, 32),
            new ColdStartCase("r500", 0, 500, 5000, 32),
            new ColdStartCase("c32-2048", 32, 0, 2048, 32));

    private static final Map<String, ColdStartCase> BY_NAME = ALL.stream()
            .collect(Collectors.toMap(ColdStartCase::name, Function.identity()));

    /** The named cases, or an {@link IllegalArgumentException} naming the unknown one and the known ones. */
    public static List<ColdStartCase> named(List<String> names) {
        List<ColdStartCase> cases = new ArrayList<>();
        for (String name : names) {
            ColdStartCase c = BY_NAME.get(name);
            if (c == null) {
                throw new IllegalArgumentException("--cold-start-cases: unknown case '" + name + "', known: "
                        + names());
            }
            cases.add(c);
        }
        return cases;
    }

    /** This case with another measured request count (a quick look, or a test). */
    public ColdStartCase withRequests(int measured) {
        return new ColdStartCase(name, concurrency, rate, measured, Math.min(warmupRequests, measured));
    }

    /** How the table names it, e.g. {@code concurrency 32, 256 requests}. */
    public String describe() {
        return (rate > 0 ? String.format(Locale.US, "%.0f req/s Poisson", rate) : "concurrency " + concurrency)
                + ", " + requests + " requests";
    }

    /**
     * The {@code profile} flags of this case against {@code url}, writing to {@code outputDir}, with prompts of
     * {@code isl} tokens and answers of {@code osl}, then {@code extra} (e.g. {@code --no-client-warmup}).
     */
    public List<String> profileArgs(String url, String model, Path outputDir, int isl, int osl, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("profile", "--url", url, "--model", model, "--streaming",
                "--isl", Integer.toString(isl), "--osl", Integer.toString(osl),
                "--request-count", Integer.toString(requests),
                "--warmup-request-count", Integer.toString(warmupRequests)));
        args.addAll(rate > 0 ? List.of("--request-rate", Double.toString(rate), "--arrival-pattern", "poisson")
                : List.of("--concurrency", Integer.toString(concurrency)));
        args.addAll(List.of("-q", "--output-dir", outputDir.toString()));
        args.addAll(extra);
        return args;
    }

    /** Every case name, for help texts. */
    public static String names() {
        return String.join(",", ALL.stream().map(ColdStartCase::name).toList());
    }
}
