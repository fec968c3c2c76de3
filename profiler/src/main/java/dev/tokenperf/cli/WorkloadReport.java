package dev.tokenperf.cli;

import dev.tokenperf.reports.accuracy.SequenceLengthAccuracy;
import dev.tokenperf.reports.record.RunResult;
import dev.tokenperf.reports.plan.InputConfig;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.util.List;
import java.util.Map;

/**
 * The sequence-length check of a profile run, computed after the run (output texts are tokenized here, never
 * during it).
 */
final class WorkloadReport {

    private WorkloadReport() {
    }

    /** The sequence-length tally for the run's one pass, counting with the run's tokenizer. */
    static SequenceLengthAccuracy.Tally accuracy(RunResult result, Tokenizer tokenizer) {
        return SequenceLengthAccuracy.tally(tokenizer::count, tokenizer.name(),
                InputConfig.countsApproximate(tokenizer.isEmbeddedDefault(), model(result)));
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
