package dev.tokenperf.reports.accuracy;

import dev.tokenperf.reports.record.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceLengthAccuracyTest {
    /** Counts words, standing in for a tokenizer. */
    private static final ToIntFunction<String> WORDS = text -> text.isBlank() ? 0 : text.trim().split("\\s+").length;

    private static RequestRecord record(int index, boolean warmup, int serverIn, int serverOut, int requestedIn,
                                        int requestedOut, String output) {
        return new RequestRecord(index, "r" + index + (warmup ? "w" : ""), warmup, false, 0, 0, 1, null, null,
                serverIn, serverOut, requestedIn, requestedOut, output, null);
    }

    /** The accuracy of a run's one pass over {@code records}, counting words. */
    private static SequenceLengthAccuracy accuracy(List<RequestRecord> records, boolean approximate) {
        SequenceLengthAccuracy.Tally tally = SequenceLengthAccuracy.tally(WORDS, "words", approximate);
        records.forEach(tally::add);
        return tally.accuracy();
    }

    @Test
    void aConstantTemplateOverheadIsNoMismatch() {
        List<RequestRecord> records = List.of(record(0, false, 128, 3, 100, 3, "a b c"),
                record(1, false, 228, 3, 200, 3, "a b c"), record(2, true, 10, 1, 1, 1, "x"));
        SequenceLengthAccuracy accuracy = accuracy(records, false);
        assertEquals(28, accuracy.summary().get("prompt_overhead"));
        assertEquals(0, accuracy.summary().get("input_mismatches"));
        assertEquals(2, accuracy.summary().get("requests"));
        assertEquals(150.0, accuracy.summary().get("input_requested_avg"));
        assertEquals(List.of(), accuracy.warnings());
        assertEquals(3, accuracy.forRecord(records.get(1)).clientOutputTokens());
        assertEquals(9, accuracy.forRecord(records.get(2)).promptOverhead());
        assertEquals("sequence lengths (2 requests, tokenizer words): ISL requested 150.0, client 150.0, server 178.0 "
                + "(template overhead 28); OSL requested 3.0, server 3.0, client 3.0", accuracy.consoleLine());
    }

    @Test
    void aServerThatDropsPromptTokensOrStopsEarlyIsWarnedAbout() {
        List<RequestRecord> records = List.of(record(0, false, 1010, 100, 1000, 100, "w ".repeat(100)),
                record(1, false, 1010, 100, 1000, 100, "w ".repeat(100)),
                record(2, false, 950, 60, 1000, 100, "w ".repeat(60)));
        SequenceLengthAccuracy accuracy = accuracy(records, true);
        assertEquals(10, accuracy.summary().get("prompt_overhead"));
        assertEquals(1, accuracy.summary().get("input_mismatches"));
        assertEquals(1, accuracy.summary().get("output_server_mismatches"));
        assertEquals(0, accuracy.summary().get("output_client_mismatches"));
        // the short prompt: a mismatch, a negative overhead, and an overhead that varies; the early stop: one more
        assertEquals(4, accuracy.warnings().size(), accuracy.warnings().toString());
        assertTrue(accuracy.warnings().get(0).startsWith("ISL: 1 of 3 requests"), accuracy.warnings().get(0));
        assertTrue(accuracy.warnings().get(1).startsWith("ISL: the server reported fewer prompt tokens"));
        assertTrue(accuracy.warnings().get(2).contains("varies between requests, from -50 to 10"));
        assertTrue(accuracy.warnings().get(3).startsWith("OSL: 1 of 3 requests: completion_tokens differs"));
        assertTrue(accuracy.consoleLine().contains("tokenizer words, approximate"));
    }

    @Test
    void withoutUsageTheServerColumnsAreEmpty() {
        List<RequestRecord> records = List.of(record(0, false, -1, -1, 50, -1, "a b"));
        SequenceLengthAccuracy accuracy = accuracy(records, false);
        assertNull(accuracy.summary().get("input_server_avg"));
        assertNull(accuracy.summary().get("prompt_overhead"));
        assertNull(accuracy.forRecord(records.get(0)).promptOverhead());
        assertEquals(2.0, accuracy.summary().get("output_client_avg"));
        assertEquals(List.of(), accuracy.warnings());
    }
}
