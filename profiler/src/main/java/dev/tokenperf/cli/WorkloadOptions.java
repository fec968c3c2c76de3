package dev.tokenperf.cli;

import picocli.CommandLine.Option;

/** What each request asks for. */
public final class WorkloadOptions {
    @Option(names = {"--isl", "--synthetic-input-tokens-mean"}, paramLabel = "N", defaultValue = "550",
            description = "Prompt length in tokens, exact under --tokenizer (the user message; the chat template "
                    + "adds its own). Default: ${DEFAULT-VALUE}.")
    int isl;

    @Option(names = {"--osl", "--output-tokens-mean"}, paramLabel = "N",
            description = "Output tokens to request (max_tokens). Default: the server's own limit.")
    Integer osl;
}
