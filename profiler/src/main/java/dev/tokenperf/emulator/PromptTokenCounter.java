package dev.tokenperf.emulator;

import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

/**
 * The emulator's prompt length: tokens under {@code o200k_base}, the profiler's embedded default tokenizer,
 * so that a default {@code --emulate} run reports the ISL it asked for. The emulator adds no chat-template
 * tokens. Counting runs on the emulator's event loop when a request arrives (tens of microseconds for a
 * 4096-token prompt); TTFT is scheduled from the arrival, so the count does not shift the timing truth.
 */
final class PromptTokenCounter {
    private static final Tokenizer TOKENIZER = new JTokkitTokenizer();

    private PromptTokenCounter() {
    }

    /** Loads the encoding now, so the first request does not pay for it on the event loop. */
    static void load() {
        count("warm up");
    }

    static int count(String text) {
        return text.isEmpty() ? 0 : TOKENIZER.count(text);
    }
}
