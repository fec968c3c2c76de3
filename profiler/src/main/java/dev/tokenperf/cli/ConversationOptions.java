package dev.tokenperf.cli;

import dev.tokenperf.reports.plan.Conversations;
import picocli.CommandLine.Option;

/** Multi-turn sessions, by aiperf's names; any of them (or a {@code multi_turn} dataset) makes a session run. */
public final class ConversationOptions {
    @Option(names = {"--conversation-num", "--num-sessions", "--num-conversations"}, paramLabel = "N",
            description = "Sessions to run (a session run counts sessions, not requests; an --input-file's "
                    + "sessions are taken in order and reused). Default: 10 x concurrency.")
    Integer conversationNum;

    @Option(names = {"--conversation-turn-mean", "--session-turns-mean"}, paramLabel = "N",
            description = "Mean user turns per synthetic session; each turn's request carries the whole history "
                    + "with the server's own answers. Default: 1.")
    Integer turnMean;

    @Option(names = {"--conversation-turn-stddev", "--session-turns-stddev"}, paramLabel = "N",
            description = "Spread of turns per synthetic session (normal, at least 1). Default: 0.")
    Integer turnStddev;

    @Option(names = {"--conversation-turn-delay-mean", "--session-turn-delay-mean"}, paramLabel = "MS",
            description = "Mean user think time in ms between an answer's end and the next turn. Default: 0.")
    Double delayMeanMillis;

    @Option(names = {"--conversation-turn-delay-stddev", "--session-turn-delay-stddev"}, paramLabel = "MS",
            description = "Spread of the think time in ms (normal, cut at 0). Default: 0.")
    Double delayStddevMillis;

    @Option(names = {"--conversation-turn-delay-ratio", "--session-delay-ratio"}, paramLabel = "X",
            description = "Factor on every think time, synthetic or a dataset's (0 removes them). Default: 1.")
    Double delayRatio;

    Conversations.Flags flags() {
        return new Conversations.Flags(conversationNum, turnMean, turnStddev, delayMeanMillis, delayStddevMillis,
                delayRatio);
    }
}
