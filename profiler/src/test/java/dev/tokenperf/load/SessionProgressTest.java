package dev.tokenperf.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenperf.client.HistoryBodies;
import dev.tokenperf.client.RequestBodyFactory;
import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.workloads.prompt.Conversation;
import dev.tokenperf.workloads.prompt.ConversationTurn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One session's turns, with exact times: each turn's body carries the history with the answers given, its
 * requested input is the whole prompt, and the next turn is intended at the previous answer's end plus its
 * think time.
 */
class SessionProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HistoryBodies bodies = new HistoryBodies(new RequestBodyFactory(EndpointType.CHAT, "m", true,
            Map.of()), List.of(1, 4, 5, 6));
    private final Conversation conversation = new Conversation("s", List.of(
            new ConversationTurn("first", 10, 4, 0),
            new ConversationTurn("second", 12, 5, 1500),
            new ConversationTurn("third", 7, 6, 0.25)));

    @Test
    void eachTurnCarriesTheHistoryAndIsIntendedAfterTheThinkTime() throws Exception {
        SessionProgress session = new SessionProgress(conversation, "s#1", 0, 0, null, bodies,
                SessionProgress.userTurns(conversation));
        assertEquals("s#1", session.sessionId());

        RequestPlan.Item first = session.nextRequest();
        assertEquals(0, session.nextTurnIndex());
        assertEquals(10, first.requestedInputTokens());
        assertEquals(4, first.requestedOutputTokens());
        assertEquals(List.of("user:first"), messages(first));
        session.answered("answer one", 4);

        assertEquals(1, session.nextTurnIndex());
        assertEquals(5_000_000_000L + 1_500_000_000L, session.nextIntendedNanos(5_000_000_000L));
        RequestPlan.Item second = session.nextRequest();
        assertEquals(10 + 4 + 12, second.requestedInputTokens(), "the whole prompt: history and the new turn");
        assertEquals(List.of("user:first", "assistant:answer one", "user:second"), messages(second));
        session.answered("answer two", 5);

        assertEquals(7_000_250_000L, session.nextIntendedNanos(7_000_000_000L), "a quarter millisecond of thought");
        RequestPlan.Item third = session.nextRequest();
        assertEquals(26 + 5 + 7, third.requestedInputTokens());
        assertEquals(List.of("user:first", "assistant:answer one", "user:second", "assistant:answer two",
                "user:third"), messages(third));
        assertTrue(session.hasNextTurn(), "until the last turn is answered");
        session.answered("answer three", 6);
        assertFalse(session.hasNextTurn());
    }

    @Test
    void aReplayedTurnGoesAtItsTimeAfterTheSessionStartButNeverBeforeThePreviousAnswer() {
        Conversation replayed = new Conversation("r", List.of(new ConversationTurn("a", 1, 1, 0, Double.NaN),
                new ConversationTurn("b", 1, 1, 900, 2000), new ConversationTurn("c", 1, 1, 0, 2500),
                new ConversationTurn("d", 1, 1, 300, Double.NaN)));
        SessionProgress session = new SessionProgress(replayed, "r", 0, 10_000_000_000L, null, bodies,
                SessionProgress.userTurns(replayed));
        session.nextRequest();
        session.answered("x", 1);
        assertEquals(12_000_000_000L, session.nextIntendedNanos(10_400_000_000L),
                "the session's start plus the turn's time; its delay is not used");
        session.nextRequest();
        session.answered("y", 1);
        assertEquals(13_000_000_000L, session.nextIntendedNanos(13_000_000_000L),
                "the previous answer ended after the turn's time: the turn goes at that end");
        session.nextRequest();
        session.answered("z", 1);
        assertEquals(13_300_000_000L, session.nextIntendedNanos(13_000_000_000L), "without a time, the delay");
    }

    private static List<String> messages(RequestPlan.Item item) throws Exception {
        JsonNode body = JSON.readTree(item.body());
        assertEquals(item.requestedOutputTokens(), body.path("max_tokens").asInt());
        return java.util.stream.StreamSupport.stream(body.path("messages").spliterator(), false)
                .map(m -> m.path("role").asText() + ":" + m.path("content").asText()).toList();
    }
}
