package dev.tokenperf.cli;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.workloads.prompt.PromptSet;
import dev.tokenperf.workloads.tokenizer.OpenAiModels;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a profile run saves about its workload: the tokenizer, the prompt source and seed in the configuration,
 * and the sequence-length check computed after the run (output texts are tokenized here, never during it).
 */
final class WorkloadReport {

    private WorkloadReport() {
    }

    /** True when the tokenizer is the embedded default and the model is not an OpenAI one. */
    static boolean approximate(Tokenizer tokenizer, RunResult result) {
        return tokenizer.isEmbeddedDefault() && !OpenAiModels.isOpenAi(model(result));
    }

    /** The result with the workload's description added to {@code input_config.input}. */
    static RunResult describe(RunResult result, PromptSet prompts, Tokenizer tokenizer, long seed,
                              PromptOptions options) {
        Map<String, Object> configuration = new LinkedHashMap<>(result.configuration());
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new LinkedHashMap<>((Map<String, Object>) configuration.get("input"));
        boolean synthetic = prompts.source().equals("synthetic");
        if (!synthetic || options.seqDist != null) {
            input.put("isl", null);
        }
        input.put("prompts", prompts.source());
        input.put("random_seed", seed);
        if (synthetic) {
            input.put("isl_stddev", options.islStddev);
            input.put("osl_stddev", options.oslStddev);
            input.put("seq_dist", options.seqDist);
            input.put("shared_prefix_tokens", options.sharedPrefixTokens);
            input.put("num_prefix_prompts", options.sharedPrefixTokens == 0 ? null : options.prefixPromptCount);
        }
        Map<String, Object> tokenizerMap = new LinkedHashMap<>();
        tokenizerMap.put("name", tokenizer.name());
        tokenizerMap.put("embedded_default", tokenizer.isEmbeddedDefault());
        tokenizerMap.put("counts_approximate", approximate(tokenizer, result));
        input.put("tokenizer", tokenizerMap);
        configuration.put("input", input);
        return result.withConfiguration(configuration);
    }

    /** The sequence-length tally for the run's one pass, counting with the run's tokenizer. */
    static SequenceLengthAccuracy.Tally accuracy(RunResult result, Tokenizer tokenizer) {
        return SequenceLengthAccuracy.tally(tokenizer::count, tokenizer.name(), approximate(tokenizer, result));
    }

    /** The model the run's requests named (resolved from the server when not given), or null. */
    static String model(RunResult result) {
        Object endpoint = result.configuration().get("endpoint");
        if (endpoint instanceof Map<?, ?> map && map.get("model_names") instanceof List<?> names && !names.isEmpty()) {
            return String.valueOf(names.get(0));
        }
        return null;
    }
}
