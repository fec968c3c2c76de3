package dev.tokenperf.cli;

import dev.tokenperf.workloads.tokenizer.Tokenizer;
import dev.tokenperf.workloads.tokenizer.TokenizerResolver;
import picocli.CommandLine.Option;

import java.io.IOException;

/** Which tokenizer counts and builds prompts. */
public final class TokenizerOptions {
    @Option(names = "--tokenizer", paramLabel = "PATH|ID",
            description = "The model's tokenizer: a tokenizer.json, a folder holding one, or a HuggingFace model id "
                    + "already in the local cache ($HF_HOME/hub). Default: the embedded o200k_base (counts are "
                    + "approximate for non-OpenAI models).")
    String tokenizer;

    // accepted so that aiperf command lines run; tokenperf reads the server's usage counts whenever it sends them
    @Option(names = "--use-server-token-count",
            description = "aiperf's switch; tokenperf's default already: output lengths are the server's usage "
                    + "counts when it reports them (client-counted ones are saved beside them).")
    boolean useServerTokenCount;

    /** Loads the tokenizer; a bad value is a {@link UsageException}. */
    Tokenizer open() {
        return open(tokenizer);
    }

    /** Loads the tokenizer a {@code --tokenizer} value names (null: the embedded default); a bad one is a usage error. */
    static Tokenizer open(String spec) {
        try {
            return new TokenizerResolver(System.getenv()).resolve(spec);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new UsageException("--tokenizer " + spec + ": cannot load: " + e.getMessage());
        }
    }
}
