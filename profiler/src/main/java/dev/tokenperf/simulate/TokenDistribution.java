package dev.tokenperf.simulate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * How many tokens a simulated request has: a lognormal, a constant, or an empirical sample to draw from.
 * Draws are whole numbers of at least 1. Not sealed: tests add the exponential counts of the M/M/c checks.
 */
public interface TokenDistribution {
    /** z of the 0.9 quantile of the standard normal, for the {@code p50_p90} form. */
    double Z_90 = 1.2815515655446004;

    /** One draw. */
    int sample(Random random);

    /** The mean of the continuous distribution (before rounding to whole tokens). */
    double mean();

    /** The parameters, in the form the console echoes. */
    String describe();

    /** The parameters as data, for {@code simulation.json}: the echo and the mean, plus each kind's own. */
    default Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("describe", describe());
        json.put("mean", mean());
        return json;
    }

    /**
     * A lognormal: {@code exp(mu + sigma Z)} rounded to whole tokens.
     *
     * @param mu    mean of the log
     * @param sigma standard deviation of the log
     */
    record LogNormal(double mu, double sigma) implements TokenDistribution {
        public LogNormal {
            if (!Double.isFinite(mu) || !(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("lognormal mu (" + mu + ") must be finite and sigma (" + sigma
                        + ") >= 0");
            }
        }

        /** From the mean and standard deviation in token space: σ² = ln(1 + std²/mean²), μ = ln(mean) − σ²/2. */
        public static LogNormal fromMeanStd(double mean, double std) {
            if (!(mean > 0) || !(std >= 0)) {
                throw new IllegalArgumentException("mean (" + mean + ") must be > 0 and std (" + std + ") >= 0");
            }
            double variance = Math.log(1 + std * std / (mean * mean));
            return new LogNormal(Math.log(mean) - variance / 2, Math.sqrt(variance));
        }

        /** From two quantiles: μ = ln P50, σ = (ln P90 − ln P50) / z₀.₉. */
        public static LogNormal fromP50P90(double p50, double p90) {
            if (!(p50 > 0) || !(p90 >= p50)) {
                throw new IllegalArgumentException("p50 (" + p50 + ") must be > 0 and p90 (" + p90 + ") >= p50");
            }
            return new LogNormal(Math.log(p50), (Math.log(p90) - Math.log(p50)) / Z_90);
        }

        @Override
        public int sample(Random random) {
            double tokens = Math.exp(mu + sigma * random.nextGaussian());
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(tokens)));
        }

        @Override
        public double mean() {
            return Math.exp(mu + sigma * sigma / 2);
        }

        /** The standard deviation in token space. */
        public double std() {
            return mean() * Math.sqrt(Math.exp(sigma * sigma) - 1);
        }

        @Override
        public String describe() {
            return String.format(Locale.US,
                    "lognormal mu %.4f sigma %.4f (mean %.1f, std %.1f, p50 %.1f, p90 %.1f)", mu, sigma, mean(), std(),
                    Math.exp(mu), Math.exp(mu + Z_90 * sigma));
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = TokenDistribution.super.toJson();
            json.put("mode", "log");
            json.put("mu", mu);
            json.put("sigma", sigma);
            json.put("std", std());
            return json;
        }
    }

    /** Always {@code tokens}. */
    record Constant(int tokens) implements TokenDistribution {
        public Constant {
            if (tokens < 1) {
                throw new IllegalArgumentException("constant token count (" + tokens + ") must be >= 1");
            }
        }

        @Override
        public int sample(Random random) {
            return tokens;
        }

        @Override
        public double mean() {
            return tokens;
        }

        @Override
        public String describe() {
            return "constant " + tokens;
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = TokenDistribution.super.toJson();
            json.put("mode", "constant");
            return json;
        }
    }

    /**
     * Draws uniformly from observed counts.
     *
     * @param counts the observed counts, each at least 1
     * @param source where they came from, for the echo
     */
    record Empirical(int[] counts, String source) implements TokenDistribution {
        public Empirical {
            if (counts.length == 0) {
                throw new IllegalArgumentException(source + " has no token counts");
            }
            counts = counts.clone();
            for (int c : counts) {
                if (c < 1) {
                    throw new IllegalArgumentException(source + " has a token count (" + c + ") below 1");
                }
            }
        }

        @Override
        public int sample(Random random) {
            return counts[random.nextInt(counts.length)];
        }

        @Override
        public double mean() {
            return Arrays.stream(counts).average().orElseThrow();
        }

        /** The nearest-rank {@code q}-quantile of the counts: a count that was observed. */
        public int quantile(double q) {
            int[] sorted = counts.clone();
            Arrays.sort(sorted);
            return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
        }

        @Override
        public String describe() {
            return String.format(Locale.US, "empirical, %d counts from %s (mean %.1f, p50 %d, p90 %d)", counts.length,
                    source, mean(), quantile(0.5), quantile(0.9));
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = TokenDistribution.super.toJson();
            json.put("mode", "empirical");
            json.put("source", source);
            json.put("count", counts.length);
            json.put("p50", quantile(0.5));
            json.put("p90", quantile(0.9));
            return json;
        }
    }
}
