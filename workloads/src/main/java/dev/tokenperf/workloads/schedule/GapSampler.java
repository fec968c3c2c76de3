package dev.tokenperf.workloads.schedule;

import java.util.SplittableRandom;

/**
 * Draws inter-arrival gaps of a unit-rate process (mean 1): constant (always 1), exponential (Poisson) or
 * gamma with shape {@code k} and scale {@code 1/k}, whose coefficient of variation is {@code 1/sqrt(k)}.
 * Gamma uses Marsaglia and Tsang's method (2000); for {@code k < 1} it draws with shape {@code k + 1} and
 * multiplies by {@code U^(1/k)}.
 */
final class GapSampler {
    private final ArrivalPattern pattern;
    private final double shape;
    private final SplittableRandom random;

    GapSampler(ArrivalPattern pattern, double shape, long seed) {
        if (!(shape > 0) || Double.isInfinite(shape)) {
            throw new IllegalArgumentException("arrival smoothness (" + shape + ") must be > 0");
        }
        this.pattern = pattern;
        this.shape = pattern == ArrivalPattern.POISSON ? 1 : shape;
        this.random = new SplittableRandom(seed);
    }

    double next() {
        return switch (pattern) {
            case CONSTANT -> 1;
            case POISSON -> -Math.log(1 - random.nextDouble());
            case GAMMA -> gamma(shape) / shape;
        };
    }

    private double gamma(double k) {
        if (k < 1) {
            return gamma(k + 1) * Math.pow(random.nextDouble(), 1 / k);
        }
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = gaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
