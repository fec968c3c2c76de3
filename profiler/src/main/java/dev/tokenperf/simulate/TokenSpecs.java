package dev.tokenperf.simulate;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a {@link TokenDistribution} from a flag ({@code log:MU,SIGMA}, {@code real_mean_std:MEAN,STD},
 * {@code p50_p90:P50,P90}, {@code constant:N}, {@code empirical:PATH}) or from a YAML mapping with the same mode
 * and named parameters ({@code {mode: log, mu, sigma}}, {@code {mode: real_mean_std, mean, std}},
 * {@code {mode: p50_p90, p50, p90}}, {@code {mode: constant, value}}, {@code {mode: empirical, file}}). Errors
 * name where the value came from.
 */
final class TokenSpecs {
    static final String FORMS = "log:MU,SIGMA, real_mean_std:MEAN,STD, p50_p90:P50,P90, constant:N or empirical:PATH";

    /** Reads the observed lengths an empirical spec names ({@link EmpiricalLengths}, one side of them). */
    interface Samples {
        TokenDistribution read(String name, Path path);
    }

    private TokenSpecs() {
    }

    /** @param name the flag, for messages */
    static TokenDistribution parse(String name, String text, Samples samples) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException(name + " '" + text + "': use " + FORMS);
        }
        String mode = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        if (mode.equals("empirical")) {
            return empirical(name, text.substring(colon + 1).strip(), samples);
        }
        String[] parts = text.substring(colon + 1).split(",");
        double[] values = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                values[i] = Double.parseDouble(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + text + "': parameters must be numbers; use " + FORMS);
        }
        int arity = mode.equals("constant") ? 1 : 2;
        if (values.length != arity) {
            throw new IllegalArgumentException(name + " '" + text + "': " + mode + " takes " + arity
                    + " parameter(s); use " + FORMS);
        }
        return build(name, mode, values);
    }

    /** @param name the YAML key with its file, for messages */
    static TokenDistribution fromYaml(String name, JsonNode node, Samples samples) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + ": must be a mapping with a mode (log, real_mean_std, "
                    + "p50_p90, constant, empirical)");
        }
        String mode = node.path("mode").asText("").toLowerCase(Locale.ROOT);
        if (mode.equals("empirical")) {
            if (!node.path("file").isTextual()) {
                throw new IllegalArgumentException(name + ": empirical needs a 'file' (a result directory, its "
                        + "profile_export.jsonl or a dataset)");
            }
            return empirical(name, node.get("file").asText().strip(), samples);
        }
        String[] keys = switch (mode) {
            case "log" -> new String[] {"mu", "sigma"};
            case "real_mean_std" -> new String[] {"mean", "std"};
            case "p50_p90" -> new String[] {"p50", "p90"};
            case "constant" -> new String[] {"value"};
            default -> throw new IllegalArgumentException(name + ": mode '" + mode
                    + "' is not one of log, real_mean_std, p50_p90, constant, empirical");
        };
        double[] values = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            JsonNode value = node.get(keys[i]);
            if (value == null || !value.isNumber()) {
                throw new IllegalArgumentException(name + ": " + mode + " needs a number for '" + keys[i] + "'");
            }
            values[i] = value.doubleValue();
        }
        return build(name, mode, values);
    }

    private static TokenDistribution empirical(String name, String path, Samples samples) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException(name + " empirical: needs a path; " + EmpiricalLengths.VALID);
        }
        return samples.read(name, Path.of(path));
    }

    private static TokenDistribution build(String name, String mode, double[] v) {
        try {
            return switch (mode) {
                case "log" -> new TokenDistribution.LogNormal(v[0], v[1]);
                case "real_mean_std" -> TokenDistribution.LogNormal.fromMeanStd(v[0], v[1]);
                case "p50_p90" -> TokenDistribution.LogNormal.fromP50P90(v[0], v[1]);
                case "constant" -> {
                    if (v[0] != Math.rint(v[0])) {
                        throw new IllegalArgumentException("constant token count (" + v[0] + ") must be whole");
                    }
                    yield new TokenDistribution.Constant((int) v[0]);
                }
                default -> throw new IllegalArgumentException("mode '" + mode + "' is not one of " + FORMS);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }
}
