package dev.tokenperf.reports.plan;

/**
 * What a run learned beside its plan, saved with it in {@code input_config}.
 *
 * @param promptSource           {@code synthetic}, a dataset or a trace
 * @param tokenizerName          the tokenizer that built and counts prompts, or null when none is reported
 * @param tokenizerEmbedded      whether it is the embedded default
 * @param promptSetSha256        hash of the measured prompts in send order, or null before the run
 * @param serverModelId          the server's id for the model, or null
 * @param clientEventLoopsUsed   how many client event loops carried requests, or 0 before the run
 * @param clock                  when and where the measured phase started, or null when not recorded
 */
public record RunFacts(String promptSource, String tokenizerName, boolean tokenizerEmbedded,
                       String promptSetSha256, String serverModelId, int clientEventLoopsUsed, ShardClock clock) {

    /** Facts known before the run: where the prompts came from and the tokenizer that counts them. */
    public RunFacts(String promptSource, String tokenizerName, boolean tokenizerEmbedded) {
        this(promptSource, tokenizerName, tokenizerEmbedded, null, null, 0, null);
    }

    /** Facts without a start clock. */
    public RunFacts(String promptSource, String tokenizerName, boolean tokenizerEmbedded, String promptSetSha256,
                    String serverModelId, int clientEventLoopsUsed) {
        this(promptSource, tokenizerName, tokenizerEmbedded, promptSetSha256, serverModelId, clientEventLoopsUsed,
                null);
    }

    /** The same facts with what the run learned from the server, the prompts and the client. */
    public RunFacts withRun(String sha256, String modelId, int eventLoopsUsed, ShardClock startClock) {
        return new RunFacts(promptSource, tokenizerName, tokenizerEmbedded, sha256, modelId, eventLoopsUsed,
                startClock);
    }

    public boolean synthetic() {
        return "synthetic".equals(promptSource);
    }
}
