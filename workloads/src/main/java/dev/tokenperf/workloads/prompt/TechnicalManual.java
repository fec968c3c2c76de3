package dev.tokenperf.workloads.prompt;

import java.util.Random;

/**
 * A long technical document written by a small generator from the project's own phrases (no copied text):
 * numbered sections about the parts of a serving system, each with paragraphs of plain engineering prose, so
 * that a long-context request reads like a real manual rather than repeated filler. The text is the same on
 * every call, so the document {@code cache-probe -C} sends is the same on every machine and in every release.
 */
public final class TechnicalManual {
    /** The manual's length in characters, about 75,000 tokens under common tokenizers. */
    public static final int LENGTH_CHARS = 300_000;
    private static final long SEED = 20261201L;

    private static final String[] TOPICS = {"request admission", "the scheduler", "the key-value cache",
            "block allocation", "prefix reuse", "batch formation", "the tokenizer service", "model loading",
            "tensor parallel groups", "the network front end", "health checks", "log rotation",
            "metrics export", "memory pressure", "disk spill", "graceful shutdown", "configuration reload",
            "rate limiting", "request cancellation", "streaming responses", "connection pooling",
            "the warm-up phase", "capacity planning", "failure recovery"};
    private static final String[] COMPONENTS = {"the scheduler", "each worker", "the cache manager",
            "the front end", "the allocator", "the tokenizer", "the metrics thread", "the load balancer",
            "the admission queue", "the decode loop", "the prefill stage", "the block table", "the watchdog",
            "the configuration service", "the storage layer", "the event loop"};
    private static final String[] ACTIONS = {"records", "rejects", "evicts", "allocates", "tracks", "releases",
            "validates", "batches", "schedules", "retries", "compresses", "reports", "throttles", "drains",
            "reorders", "caches"};
    private static final String[] THINGS = {"incoming requests", "idle blocks", "partial sequences",
            "stale entries", "pending writes", "long prompts", "the oldest batch", "expired sessions",
            "unused connections", "oversized payloads", "shared prefixes", "queued tokens", "failed transfers",
            "duplicate lookups", "slow clients", "the free list"};
    private static final String[] CONDITIONS = {"when memory runs low", "before the next step begins",
            "after a timeout expires", "while the queue is full", "once the batch is complete",
            "whenever a client disconnects", "if the checksum does not match", "at the end of each interval",
            "as soon as capacity returns", "when the configuration changes", "under sustained load",
            "after a restart"};
    private static final String[] PURPOSES = {"so that latency stays predictable",
            "to keep throughput steady", "so that no request waits forever", "to protect the accelerator memory",
            "so operators can see what happened", "to avoid recomputing the same work",
            "so that a single slow client cannot stall the others", "to bound the time spent in recovery",
            "so that results remain reproducible", "to make capacity easy to reason about"};
    private static final String[] NOTES = {"The default is conservative and suits most deployments.",
            "Measure before changing this value.", "The counter is exported with the other metrics.",
            "A warning is logged the first time this happens.", "The behaviour is the same on every platform.",
            "This path is rarely taken in practice.", "The limit can be raised at the cost of memory.",
            "Tests cover both the normal and the degraded case.", "Nothing is lost when this happens.",
            "The operation is idempotent and safe to repeat."};
    private static final int[] NUMBERS = {2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};
    private static final String[] UNITS = {"milliseconds", "blocks", "requests", "tokens", "seconds",
            "connections", "megabytes"};

    private TechnicalManual() {
    }

    /** The whole manual, {@value #LENGTH_CHARS} characters or slightly more. */
    public static String text() {
        Random random = new Random(SEED);
        StringBuilder text = new StringBuilder(LENGTH_CHARS + 1024);
        text.append("Operating Manual of a Model Serving System\n\n");
        int section = 0;
        while (text.length() < LENGTH_CHARS) {
            section++;
            String topic = TOPICS[(section - 1) % TOPICS.length];
            text.append(section).append(". ").append(Character.toUpperCase(topic.charAt(0)))
                    .append(topic.substring(1)).append("\n\n");
            int paragraphs = 3 + random.nextInt(3);
            for (int p = 0; p < paragraphs; p++) {
                int sentences = 4 + random.nextInt(4);
                for (int s = 0; s < sentences; s++) {
                    text.append(s == 0 ? "" : " ").append(sentence(random, topic));
                }
                text.append("\n\n");
            }
        }
        return text.toString();
    }

    private static String sentence(Random random, String topic) {
        return switch (random.nextInt(5)) {
            case 0 -> capitalise(pick(random, COMPONENTS)) + " " + pick(random, ACTIONS) + " "
                    + pick(random, THINGS) + " " + pick(random, CONDITIONS) + ".";
            case 1 -> "In " + topic + ", " + pick(random, COMPONENTS) + " " + pick(random, ACTIONS) + " "
                    + pick(random, THINGS) + " " + pick(random, PURPOSES) + ".";
            case 2 -> capitalise(pick(random, CONDITIONS)) + ", " + pick(random, COMPONENTS) + " "
                    + pick(random, ACTIONS) + " at most " + pick(random, NUMBERS) + " " + pick(random, UNITS)
                    + " of " + pick(random, THINGS) + ".";
            case 3 -> pick(random, NOTES);
            default -> "The limit for " + topic + " is " + pick(random, NUMBERS) + " " + pick(random, UNITS)
                    + ", and " + pick(random, COMPONENTS) + " " + pick(random, ACTIONS) + " "
                    + pick(random, THINGS) + " beyond it " + pick(random, PURPOSES) + ".";
        };
    }

    private static String pick(Random random, String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static int pick(Random random, int[] numbers) {
        return numbers[random.nextInt(numbers.length)];
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
