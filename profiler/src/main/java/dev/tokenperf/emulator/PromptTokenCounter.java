package dev.tokenperf.emulator;

import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.workloads.tokenizer.Tokenizer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulator's prompt length: tokens under {@code o200k_base}, the profiler's embedded default tokenizer,
 * so that a default {@code --emulate} run reports the ISL it asked for. The emulator adds no chat-template
 * tokens. Counting runs on the emulator's event loop when a request arrives (tens of microseconds for a
 * 4096-token prompt); TTFT is scheduled from the arrival, so the count does not shift the timing truth.
 * Benchmarks resend the same few prompts, so counts are remembered (a bounded cache, emptied when full):
 * tokenizing every request was a tenth of the emulator's CPU at 32-token prompts.
 */
final class PromptTokenCounter {
    private static final Tokenizer TOKENIZER = new JTokkitTokenizer();
    private static final int MAX_CACHED_PROMPTS = 1024;
    /** Longer prompts are counted every time, so the cache holds at most about 64 MiB of text. */
    private static final int MAX_CACHED_CHARS = 32 * 1024;
    private static final Map<String, Integer> COUNTS = new ConcurrentHashMap<>();

    private PromptTokenCounter() {
    }

    /** Loads the encoding now, so the first request does not pay for it on the event loop. */
    static void load() {
        count("warm up");
    }

    /** The text's token ids (not remembered: the prefix cache asks only once per request). */
    static int[] ids(String text) {
        return TOKENIZER.encode(text);
    }

    static int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (text.length() > MAX_CACHED_CHARS) {
            return TOKENIZER.count(text);
        }
        Integer known = COUNTS.get(text);
        if (known != null) {
            return known;
        }
        int n = TOKENIZER.count(text);
        if (COUNTS.size() >= MAX_CACHED_PROMPTS) {
            COUNTS.clear();
        }
        COUNTS.put(text, n);
        return n;
    }
}
