package dev.tokenperf.reports.plan;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The session flags' rules, each in the plan once, each message naming its flag. */
class ConversationsTest {
    private static final Conversations.Flags NONE = new Conversations.Flags(null, null, null, null, null, null);

    private static String refused(Conversations.Flags flags, String datasetType, boolean requestCount) {
        return assertThrows(IllegalArgumentException.class,
                () -> Conversations.of(flags, datasetType, "multi_turn".equals(datasetType), requestCount)).getMessage();
    }

    @Test
    void noSessionFlagAndNoSessionDatasetIsASingleTurnRun() {
        assertNull(Conversations.of(NONE, null, false, true));
        assertNull(Conversations.of(NONE, "sharegpt", false, false));
    }

    @Test
    void anySessionFlagOrAMultiTurnDatasetMakesASessionRunWithAiperfsDefaults() {
        assertEquals(new Conversations(1, 0, 0, 0, 1), Conversations.of(NONE, "multi_turn", true, false));
        assertEquals(new Conversations(4, 1, 250, 20, 0.5), Conversations.of(
                new Conversations.Flags(3, 4, 1, 250.0, 20.0, 0.5), null, false, false));
        assertEquals(new Conversations(1, 0, 0, 0, 1), Conversations.of(
                new Conversations.Flags(5, null, null, null, null, null), "sharegpt", false, false));
        assertEquals(new Conversations(1, 0, 0, 0, 1), Conversations.of(NONE, "mooncake_trace", true, false),
                "a trace whose lines name sessions is a session run");
    }

    @Test
    void eachBadValueNamesItsFlag() {
        assertEquals("--conversation-num must be >= 1, got 0",
                refused(new Conversations.Flags(0, null, null, null, null, null), null, false));
        assertEquals("--conversation-turn-mean must be between 1 and 10000 turns, got 0",
                refused(new Conversations.Flags(null, 0, null, null, null, null), null, false));
        assertEquals("--conversation-turn-stddev must be between 0 and 10000 turns, got -1",
                refused(new Conversations.Flags(null, 2, -1, null, null, null), null, false));
        assertEquals("--conversation-turn-delay-mean must be between 0 and 3600000 ms, got -5",
                refused(new Conversations.Flags(null, 2, null, -5.0, null, null), null, false));
        assertEquals("--conversation-turn-delay-stddev must be between 0 and 3600000 ms, got NaN",
                refused(new Conversations.Flags(null, 2, null, null, Double.NaN, null), null, false));
        assertEquals("--conversation-turn-delay-ratio must be between 0 and 1000, got -1",
                refused(new Conversations.Flags(null, 2, null, null, null, -1.0), null, false));
    }

    @Test
    void theRulesBetweenFlagsNameBoth() {
        assertEquals("--request-count counts single-turn requests; a session run counts sessions with "
                + "--conversation-num", refused(new Conversations.Flags(3, null, null, null, null, null), null, true));
        assertEquals("--custom-dataset-type single_turn holds single requests; a session run (--conversation-*) "
                + "reads multi_turn, sharegpt or mooncake_trace files with session_id",
                refused(new Conversations.Flags(3, null, null, null, null, null), "single_turn", false));
        assertNull(Conversations.of(NONE, "mooncake_trace", false, false), "a trace without session ids");
        assertEquals("--conversation-turn-mean shapes synthetic sessions; --input-file's sessions keep their own "
                + "turns and delays (--conversation-turn-delay-ratio scales them)",
                refused(new Conversations.Flags(null, 3, null, null, null, null), "multi_turn", false));
    }
}
