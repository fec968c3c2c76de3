package dev.tokenperf.workloads.tokenizer;

/**
 * Turns text into a model's token ids and back. Encoding never adds special tokens (BOS, EOS): counts are of
 * the text itself, so the difference to a server's {@code usage.prompt_tokens} is the template overhead.
 * Implementations are safe for concurrent use and are only used before or after a run, never on the event loop.
 */
public interface Tokenizer extends AutoCloseable {

    /** What the tokenizer is, for the console and the saved configuration (e.g. a path or {@code o200k_base}). */
    String name();

    /** True for the embedded default, whose counts only approximate a non-OpenAI model's. */
    boolean isEmbeddedDefault();

    int[] encode(String text);

    String decode(int[] ids);

    default int count(String text) {
        return encode(text).length;
    }

    /** Releases native resources, if any. */
    @Override
    default void close() {
    }
}
