package dev.tokenperf.workloads.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The input/output lengths requests ask for: one (ISL, OSL) pair, or a weighted mix of pairs
 * ({@code --seq-dist "128,64:0.7;4096,256:0.3"}), each drawn around its mean with a normal spread when a
 * standard deviation is given. Drawn lengths are at least 1; an OSL of -1 means "not set" and stays -1.
 */
public final class SequenceLengths {

    /**
     * One (ISL, OSL) pair and its share of requests.
     *
     * @param isl    mean input length in tokens, at least 1
     * @param osl    mean output length in tokens, or -1 to leave the server's default
     * @param weight relative share, &gt; 0
     */
    public record Pair(int isl, int osl, double weight) {
        public Pair {
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
     * Parses {@code "ISL,OSL:weight;ISL,OSL:weight"}; the weight may be omitted (1).
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
                double weight = lengthsAndWeight.length == 2 ? Double.parseDouble(lengthsAndWeight[1].trim()) : 1;
                pairs.add(new Pair(Integer.parseInt(lengths[0].trim()), Integer.parseInt(lengths[1].trim()), weight));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not ISL,OSL:weight (" + e.getMessage() + ")");
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no ISL,OSL:weight entry");
        }
        return pairs;
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
        int isl = spread(chosen.isl(), islStddev, islNoise);
        int osl = chosen.osl() < 0 ? -1 : spread(chosen.osl(), oslStddev, oslNoise);
        return new int[]{isl, osl};
    }

    private static int spread(int mean, double stddev, double noise) {
        return stddev == 0 ? mean : (int) Math.max(1, Math.round(mean + stddev * noise));
    }
}
