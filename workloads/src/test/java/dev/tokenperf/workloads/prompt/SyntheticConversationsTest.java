package dev.tokenperf.workloads.prompt;

import dev.tokenperf.workloads.tokenizer.JTokkitTokenizer;
import dev.tokenperf.workloads.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticConversationsTest {
    // built once: encoding the corpus is the slow part
    private static final SyntheticPrompts GENERATOR = new SyntheticPrompts(new JTokkitTokenizer(), 7, 0, 0);
    private final Tokenizer tokenizer = GENERATOR.tokenizer();

    @Test
    void everyUserTurnHasTheRequestedLengthExactly() {
        List<Conversation> sessions = SyntheticConversations.generate(GENERATOR, SequenceLengths.fixed(37, 5, 0, 0),
                new TurnShape(3, 0, 0, 0, 1), 7, 0, 4);
        assertEquals(4, sessions.size());
        for (Conversation session : sessions) {
            assertEquals(3, session.turns().size());
            for (ConversationTurn turn : session.turns()) {
                assertEquals(37, turn.inputTokens());
                assertEquals(37, tokenizer.count(turn.text()), "exact under the tokenizer");
                assertEquals(5, turn.outputTokens());
                assertEquals(0, turn.delayMillis(), 0);
            }
        }
        assertNotEquals(sessions.get(0).turns().get(0).text(), sessions.get(1).turns().get(0).text());
    }

    @Test
    void turnsAndThinkTimesFollowTheShapeAndTheSeed() {
        TurnShape shape = new TurnShape(4, 2, 500, 100, 0.5);
        List<Conversation> sessions = SyntheticConversations.generate(GENERATOR, SequenceLengths.fixed(8, 2, 0, 0),
                shape, 11, 0, 50);
        double turns = sessions.stream().mapToInt(s -> s.turns().size()).average().orElseThrow();
        assertTrue(turns > 3 && turns < 5, "mean turns " + turns);
        assertTrue(sessions.stream().allMatch(s -> s.turns().size() >= 1));
        double delay = sessions.stream().flatMap(s -> s.turns().stream().skip(1))
                .mapToDouble(ConversationTurn::delayMillis).average().orElseThrow();
        assertTrue(delay > 200 && delay < 300, "mean think time " + delay + " ms is 500 x 0.5");
        assertTrue(sessions.stream().allMatch(s -> s.turns().get(0).delayMillis() == 0), "the first turn has none");
        assertEquals(sessions, SyntheticConversations.generate(GENERATOR, SequenceLengths.fixed(8, 2, 0, 0), shape,
                11, 0, 50), "the same seed gives the same sessions");
    }
}
