package dev.tokenperf.reports.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The models requests name ({@code -m/--model}, one or several, as aiperf's {@code --model-names}) and how each
 * request picks one ({@code --model-selection-strategy}): LoRA adapters and multi-model servers in one run.
 *
 * @param names    the models, in the order given; empty to ask the server's {@code /v1/models}
 * @param strategy how request {@code i} picks its model
 */
public record ModelSelection(List<String> names, Strategy strategy) {
    /** No model given: the server names one. */
    public static final ModelSelection NONE = new ModelSelection(List.of(), Strategy.ROUND_ROBIN);

    /** aiperf's {@code --model-selection-strategy} values, also those of {@code --url-strategy}. */
    public enum Strategy {
        /** Request {@code i} names model {@code i mod n}. */
        ROUND_ROBIN("round_robin"),
        /** Each request draws a model, seeded from the run's seed so a rerun sends the same sequence. */
        RANDOM("random");

        private final String option;

        Strategy(String option) {
            this.option = option;
        }

        /** The flag value. */
        public String option() {
            return option;
        }

        /** The strategy named {@code option}, as the flag is spelled. */
        public static Strategy ofOption(String option) {
            return ofOption(option, "--model-selection-strategy");
        }

        /** The strategy named {@code option}; a bad value's message names {@code flag}. */
        public static Strategy ofOption(String option, String flag) {
            for (Strategy s : values()) {
                if (s.option.equals(option)) {
                    return s;
                }
            }
            throw new IllegalArgumentException(flag + " must be round_robin or random, got '" + option + "'");
        }
    }

    public ModelSelection {
        names = List.copyOf(names);
        for (String name : names) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("--model must not be empty");
            }
        }
    }

    /** One model, or none when {@code name} is null. */
    public static ModelSelection of(String name) {
        return name == null ? NONE : new ModelSelection(List.of(name), Strategy.ROUND_ROBIN);
    }

    /** The first model, or null when none was given. */
    public String first() {
        return names.isEmpty() ? null : names.get(0);
    }

    /**
     * The model of each of {@code count} requests, in order. With one model (or none) every entry is the same.
     *
     * @param seed the run's seed ({@code --random-seed}), for {@link Strategy#RANDOM}
     */
    public List<String> sequence(int count, long seed) {
        List<String> out = new ArrayList<>(count);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            out.add(names.isEmpty() ? null : strategy == Strategy.RANDOM
                    ? names.get(random.nextInt(names.size())) : names.get(i % names.size()));
        }
        return out;
    }
}
