package dev.tokenperf.client;

import dev.tokenperf.workloads.prompt.ChatMessage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The chat bodies of multi-turn sessions, built by appending bytes, so that no JSON is serialised on the event
 * loop when a session's next turn goes out. Before the phase, {@link RequestBodyFactory} (Jackson) writes template
 * bodies whose one message holds a marker; the bytes around the marker are the body's head and tail for each
 * {@code max_tokens}, and two-message templates give the bytes between one message's content and the next's, by
 * the next one's role. A {@link History} then holds its messages' contents escaped ({@link JsonStrings}) and joined
 * by those bytes, and a turn's body is head, history, tail: the bytes Jackson would write for the same messages
 * ({@code HistoryBodiesTest}). When {@code --extra-inputs} replaces {@code messages}, every body is the template.
 */
public final class HistoryBodies {
    private static final String MARK = "tokenperf-history-mark";
    private static final byte[] MARK_BYTES = MARK.getBytes(StandardCharsets.UTF_8);

    /** Per {@code max_tokens}: the head and tail around the history, or the whole body when it carries none. */
    private final Map<Integer, byte[][]> frames = new HashMap<>();
    private final byte[] beforeUser;
    private final byte[] beforeAssistant;

    /**
     * Writes the templates, with Jackson: call it off the event loop.
     *
     * @param maxTokens every {@code max_tokens} a body will ask for (negative for the server's default)
     */
    public HistoryBodies(RequestBodyFactory factory, Collection<Integer> maxTokens) {
        for (int tokens : maxTokens) {
            byte[] one = factory.body(List.of(ChatMessage.user(MARK)), tokens);
            int at = indexOf(one, 0);
            frames.put(tokens, at < 0 ? new byte[][] {one}
                    : new byte[][] {Arrays.copyOfRange(one, 0, at),
                            Arrays.copyOfRange(one, at + MARK_BYTES.length, one.length)});
        }
        beforeUser = between(factory.body(List.of(ChatMessage.user(MARK), ChatMessage.user(MARK)), -1));
        beforeAssistant = between(factory.body(List.of(ChatMessage.user(MARK), ChatMessage.assistant(MARK)), -1));
    }

    /** A new conversation with no messages yet; its first message is a user's. */
    public History start() {
        return new History();
    }

    /**
     * {@code message} escaped once: a user turn known before the phase is escaped there, not on the event loop.
     *
     * @throws IllegalArgumentException for a role other than {@code user} or {@code assistant}
     */
    public static Message message(ChatMessage message) {
        boolean user = message.role().equals("user");
        if (!user && !message.role().equals("assistant")) {
            throw new IllegalArgumentException("a session's history holds user and assistant messages; got "
                    + message.role());
        }
        return new Message(user, JsonStrings.escaped(message.content()));
    }

    /** A history message: its role and its text as JSON string bytes. */
    public static final class Message {
        private final boolean user;
        private final byte[] escaped;

        private Message(boolean user, byte[] escaped) {
            this.user = user;
            this.escaped = escaped;
        }
    }

    /** The bytes between the first and second marker of a two-message template (none when it carries no history). */
    private static byte[] between(byte[] two) {
        int first = indexOf(two, 0);
        if (first < 0) {
            return new byte[0];
        }
        int end = first + MARK_BYTES.length;
        return Arrays.copyOfRange(two, end, indexOf(two, end));
    }

    private static int indexOf(byte[] bytes, int from) {
        outer:
        for (int i = from; i <= bytes.length - MARK_BYTES.length; i++) {
            for (int j = 0; j < MARK_BYTES.length; j++) {
                if (bytes[i + j] != MARK_BYTES[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * One session's messages as JSON bytes. Threads: one at a time (a session's turns go one after another).
     */
    public final class History {
        private byte[] bytes = new byte[1024];
        private int length;
        private boolean empty = true;

        private History() {
        }

        /** Appends {@code message} (a {@code user} or {@code assistant} one; the first must be a user's). */
        public void add(ChatMessage message) {
            add(message(message));
        }

        /** Appends {@code message}; the first must be a user's. */
        public void add(Message message) {
            if (empty && !message.user) {
                throw new IllegalArgumentException("a session's history starts with a user's message");
            }
            if (!empty) {
                append(message.user ? beforeUser : beforeAssistant);
            }
            append(message.escaped);
            empty = false;
        }

        /** The chat body of the messages so far asking for {@code maxTokens}, one of those the templates were for. */
        public byte[] body(int maxTokens) {
            byte[][] frame = frames.get(maxTokens);
            if (frame == null) {
                throw new IllegalArgumentException("no body template for max_tokens " + maxTokens);
            }
            if (frame.length == 1) {
                return frame[0];
            }
            byte[] head = frame[0];
            byte[] tail = frame[1];
            byte[] body = new byte[head.length + length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(bytes, 0, body, head.length, length);
            System.arraycopy(tail, 0, body, head.length + length, tail.length);
            return body;
        }

        private void append(byte[] more) {
            if (length + more.length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more.length));
            }
            System.arraycopy(more, 0, bytes, length, more.length);
            length += more.length;
        }
    }
}
