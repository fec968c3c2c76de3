package dev.tokenperf.client;

import dev.tokenperf.reports.plan.EndpointType;
import dev.tokenperf.workloads.prompt.ChatMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A session's bodies appended as bytes are exactly the bytes Jackson writes for the same messages, whatever the
 * text (quotes, backslashes, every control character, non-ASCII, characters beyond the BMP and lone surrogates),
 * the output length,
 * streaming and {@code --extra-inputs}.
 */
class HistoryBodiesTest {
    /** Characters that JSON escapes or that take 2, 3 and 4 UTF-8 bytes. */
    private static final String ALPHABET;

    static {
        StringBuilder chars = new StringBuilder("ab Z09\"\\/'<>&{}[]:,\u007f\u00e9\u00ff\u0100\u07ff\u0800\u20ac\u2028"
                + "\u4e2d\ufffd\uffff\ud83d\ude00\ud800\udc00\udbff\udfff");
        for (char c = 0; c < 0x20; c++) {
            chars.append(c);
        }
        ALPHABET = chars.toString();
    }

    @Test
    void everyTurnsBodyIsJacksonsByteForByte() {
        SplittableRandom random = new SplittableRandom(13);
        List<Map<String, Object>> extras = List.of(Map.of(), extras("ignore_eos", true, "temperature", 0.5,
                "nested", Map.of("x", List.of(1, "y\n"))), extras("max_tokens", 3, "model", "other", "stream", false));
        for (Map<String, Object> extra : extras) {
            for (boolean streaming : new boolean[] {true, false}) {
                RequestBodyFactory factory = new RequestBodyFactory(EndpointType.CHAT, "m\u00e9\"1", streaming, extra);
                List<Integer> outputs = List.of(-1, 0, 7, 4096);
                HistoryBodies bodies = new HistoryBodies(factory, outputs);
                HistoryBodies.History history = bodies.start();
                List<ChatMessage> messages = new ArrayList<>();
                for (int turn = 0; turn < 12; turn++) {
                    ChatMessage message = turn % 2 == 0 ? ChatMessage.user(text(random))
                            : ChatMessage.assistant(text(random));
                    messages.add(message);
                    history.add(message);
                    int maxTokens = outputs.get(random.nextInt(outputs.size()));
                    byte[] expected = factory.body(messages, maxTokens);
                    assertArrayEquals(expected, history.body(maxTokens), () -> "extra " + extra + ", streaming "
                            + streaming + ", " + messages.size() + " messages:\n"
                            + new String(expected, StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void extraInputsThatReplaceTheMessagesGiveTheSameBodyEveryTurn() {
        RequestBodyFactory factory = new RequestBodyFactory(EndpointType.CHAT, "m", true,
                Map.of("messages", List.of(Map.of("role", "user", "content", "fixed"))));
        HistoryBodies.History history = new HistoryBodies(factory, List.of(5)).start();
        history.add(ChatMessage.user("one"));
        history.add(ChatMessage.assistant("two"));
        history.add(ChatMessage.user("three"));
        assertArrayEquals(factory.body(List.of(ChatMessage.user("anything")), 5), history.body(5));
    }

    @Test
    void aHistoryStartsWithAUserAndAsksOnlyForLengthsItHasTemplatesFor() {
        HistoryBodies bodies = new HistoryBodies(new RequestBodyFactory(EndpointType.CHAT, "m", false, Map.of()),
                List.of(5));
        assertThrows(IllegalArgumentException.class, () -> bodies.start().add(ChatMessage.assistant("first")));
        HistoryBodies.History history = bodies.start();
        history.add(ChatMessage.user("hi"));
        assertEquals("no body template for max_tokens 6",
                assertThrows(IllegalArgumentException.class, () -> history.body(6)).getMessage());
    }

    private static Map<String, Object> extras(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Random text over the alphabet: pairs of surrogates and lone ones, which Jackson escapes one by one. */
    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(0, 60);
        while (text.length() < length) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
