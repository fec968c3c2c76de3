package dev.tokenperf.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Prompts from files instead of synthetic text. */
public final class DatasetOptions {
    @Option(names = "--input-file", paramLabel = "FILE",
            description = "Dataset to send instead of synthetic prompts (format: --custom-dataset-type).")
    Path inputFile;

    @Option(names = "--custom-dataset-type", paramLabel = "TYPE", defaultValue = "single_turn",
            description = "Format of --input-file, by aiperf's names (single-turn and mooncake-trace also accepted): single_turn (JSONL {\"text\"} or {\"messages\"}, optional "
                    + "output_length), sharegpt (ShareGPT JSON), mooncake_trace (JSONL input_length, output_length, "
                    + "hash_ids; lines with a session_id are multi-turn sessions), multi_turn (aiperf's sessions). "
                    + "Default: ${DEFAULT-VALUE}.")
    String datasetType;

    @Option(names = "--context-file", paramLabel = "FILE",
            description = "A long document sent before --prompt in every request, cut to --max-ctx-tokens minus 2048.")
    Path contextFile;

    @Option(names = "--max-ctx-tokens", paramLabel = "N",
            description = "The model's context length: longer prompts are an error; bounds --context-file.")
    Integer maxContextTokens;

    @Option(names = "--prompt", paramLabel = "TEXT",
            description = "A fixed prompt for every request (after the --context-file document, if any).")
    String prompt;
}
