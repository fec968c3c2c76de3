package dev.tokenperf.workloads.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Synthetic multi-turn sessions: each session draws its number of turns and its think times from the
 * {@link TurnShape}, and each user turn is a synthetic prompt of the requested length, exact under the tokenizer.
 * The same seed gives the same sessions.
 */
public final class SyntheticConversations {
    private SyntheticConversations() {
    }

    /**
     * @param stream keeps different uses of one generator apart (each user turn is prompt {@code i} of it)
     * @param count  sessions to build
     */
    public static List<Conversation> generate(SyntheticPrompts generator, SequenceLengths lengths, TurnShape shape,
                                              long seed, int stream, int count) {
        int[] turns = new int[count];
        double[][] delays = new double[count][];
        int total = 0;
        for (int s = 0; s < count; s++) {
            Random random = new Random(new SplittableRandom(seed * 31 + stream * 7919L + s).nextLong());
            turns[s] = Math.max(1, (int) Math.round(shape.turnMean() + shape.turnStddev() * random.nextGaussian()));
            delays[s] = new double[turns[s]];
            for (int k = 1; k < turns[s]; k++) {
                double delay = shape.delayMeanMillis() + shape.delayStddevMillis() * random.nextGaussian();
                delays[s][k] = Math.max(0, delay) * shape.delayRatio();
            }
            total += turns[s];
        }
        List<RequestSpec> prompts = generator.generate(lengths, stream, total);
        List<Conversation> sessions = new ArrayList<>(count);
        int next = 0;
        for (int s = 0; s < count; s++) {
            List<ConversationTurn> userTurns = new ArrayList<>(turns[s]);
            for (int k = 0; k < turns[s]; k++) {
                RequestSpec prompt = prompts.get(next++);
                userTurns.add(new ConversationTurn(prompt.promptText(), prompt.inputTokens(), prompt.outputTokens(),
                        delays[s][k]));
            }
            sessions.add(new Conversation("session-" + s, userTurns));
        }
        return sessions;
    }
}
