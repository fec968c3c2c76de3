package dev.tokenperf.workloads.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The input/output lengths requests ask for: one (ISL, OSL) pair, or a mix of pairs in aiperf's syntax
 * ({@code --seq-dist "128,64:70;4096|400,256|20:30"}: percentages summing to 100, an optional {@code |stddev} per
 * length), each drawn around its mean with a normal spread when a standard deviation is given. Drawn lengths are at least 1; an OSL of -1 means "not set" and stays -1.
 */
public final class SequenceLengths {

    /**
     * One (ISL, OSL) pair and its share of requests.
     *
     * @param isl    mean input length in tokens, at least 1
     * @param osl    mean output length in tokens, or -1 to leave the server's default
     * @param weight    relative share, &gt; 0
     * @param islStddev this pair's ISL standard deviation, or NaN for the run's
     * @param oslStddev this pair's OSL standard deviation, or NaN for the run's
     */
    public record Pair(int isl, int osl, double weight, double islStddev, double oslStddev) {
        /** A pair spread by the run's standard deviations. */
        public Pair(int isl, int osl, double weight) {
            this(isl, osl, weight, Double.NaN, Double.NaN);
        }

        public Pair {
            if (islStddev < 0 || oslStddev < 0) {
                throw new IllegalArgumentException("a standard deviation must be >= 0");
            }
            if (isl < 1) {
                throw new IllegalArgumentException("ISL (" + isl + ") must be >= 1");
            }
            if (osl < 1 && osl != -1) {
                throw new IllegalArgumentException("OSL (" + osl + ") must be >= 1");
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weight (" + weight + ") must be > 0");
            }
        }
    }

    private final List<Pair> pairs;
    private final double islStddev;
    private final double oslStddev;
    private final double totalWeight;

    public SequenceLengths(List<Pair> pairs, double islStddev, double oslStddev) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("at least one ISL,OSL pair is needed");
        }
        if (islStddev < 0 || oslStddev < 0) {
            throw new IllegalArgumentException("standard deviations must be >= 0");
        }
        this.pairs = List.copyOf(pairs);
        this.islStddev = islStddev;
        this.oslStddev = oslStddev;
        this.totalWeight = pairs.stream().mapToDouble(Pair::weight).sum();
    }

    public static SequenceLengths fixed(int isl, int osl, double islStddev, double oslStddev) {
        return new SequenceLengths(List.of(new Pair(isl, osl, 1)), islStddev, oslStddev);
    }

    /**
     * Parses aiperf's {@code "ISL[|SD],OSL[|SD]:PCT;..."}: the percentages must sum to 100; a single pair may omit
     * its percentage.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static List<Pair> parse(String text) {
        List<Pair> pairs = new ArrayList<>();
        for (String entry : text.split(";")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                String[] lengthsAndWeight = trimmed.split(":", -1);
                if (lengthsAndWeight.length > 2) {
                    throw new IllegalArgumentException("more than one ':'");
                }
                String[] lengths = lengthsAndWeight[0].split(",", -1);
                if (lengths.length != 2) {
                    throw new IllegalArgumentException("expected ISL,OSL");
                }
                double weight = lengthsAndWeight.length == 2 ? Double.parseDouble(lengthsAndWeight[1].trim()) : 100;
                String[] isl = lengths[0].split("\\|", -1);
                String[] osl = lengths[1].split("\\|", -1);
                if (isl.length > 2 || osl.length > 2) {
                    throw new IllegalArgumentException("more than one '|'");
                }
                pairs.add(new Pair(Integer.parseInt(isl[0].trim()), Integer.parseInt(osl[0].trim()), weight,
                        stddev(isl), stddev(osl)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not ISL[|SD],OSL[|SD]:PCT ("
                        + e.getMessage() + ")");
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no ISL,OSL:PCT entry");
        }
        double total = pairs.stream().mapToDouble(Pair::weight).sum();
        // percentages as aiperf takes them; a rounding remainder of a few decimals is not a mistake
        if (Math.abs(total - 100) > 1e-6) {
            throw new IllegalArgumentException("percentages sum to " + total + ", not 100");
        }
        return pairs;
    }

    private static double stddev(String[] lengthAndStddev) {
        return lengthAndStddev.length == 2 ? Double.parseDouble(lengthAndStddev[1].trim()) : Double.NaN;
    }

    /** The largest mean ISL of any pair. */
    public int maxMeanIsl() {
        return pairs.stream().mapToInt(Pair::isl).max().orElseThrow();
    }

    /** The smallest mean ISL of any pair. */
    public int minMeanIsl() {
        return pairs.stream().mapToInt(Pair::isl).min().orElseThrow();
    }

    /** Draws one request's lengths: {@code [isl, osl]}. */
    public int[] draw(Random random) {
        double point = random.nextDouble() * totalWeight;
        Pair chosen = pairs.get(pairs.size() - 1);
        for (Pair pair : pairs) {
            point -= pair.weight();
            if (point < 0) {
                chosen = pair;
                break;
            }
        }
        double islNoise = random.nextGaussian();
        double oslNoise = random.nextGaussian();
        int isl = spread(chosen.isl(), Double.isNaN(chosen.islStddev()) ? islStddev : chosen.islStddev(), islNoise);
        int osl = chosen.osl() < 0 ? -1
                : spread(chosen.osl(), Double.isNaN(chosen.oslStddev()) ? oslStddev : chosen.oslStddev(), oslNoise);
        return new int[]{isl, osl};
    }

    private static int spread(int mean, double stddev, double noise) {
        return stddev == 0 ? mean : (int) Math.max(1, Math.round(mean + stddev * noise));
    }
}
