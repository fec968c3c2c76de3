package dev.tokenperf.reports.plan;

/**
 * A session run: each measured unit is a multi-turn session whose turns go out one at a time, each carrying the
 * history so far. The number of sessions is the run's count ({@code --conversation-num}, saved as the stop
 * condition's count); this holds how synthetic sessions are shaped and how think times are scaled, as aiperf's
 * {@code --conversation-turn-*} options name them.
 *
 * @param turnMean          mean user turns per synthetic session ({@code --conversation-turn-mean})
 * @param turnStddev        their spread ({@code --conversation-turn-stddev})
 * @param delayMeanMillis   mean think time before each later turn, in ms ({@code --conversation-turn-delay-mean})
 * @param delayStddevMillis its spread in ms ({@code --conversation-turn-delay-stddev})
 * @param delayRatio        factor on every think time, synthetic or a dataset's ({@code --conversation-turn-delay-ratio})
 */
public record Conversations(int turnMean, double turnStddev, double delayMeanMillis, double delayStddevMillis,
                            double delayRatio) {
    /** The most turns a session may average: each turn's request carries all earlier ones. */
    public static final int MAX_TURNS = 10_000;
    /** The largest think-time factor. */
    public static final double MAX_RATIO = 1000;

    public Conversations {
        Limits.between("--conversation-turn-mean", turnMean, 1, MAX_TURNS, "turns");
        Limits.between("--conversation-turn-stddev", turnStddev, 0, MAX_TURNS, "turns");
        Limits.between("--conversation-turn-delay-mean", delayMeanMillis, 0, Limits.MAX_MILLIS, "ms");
        Limits.between("--conversation-turn-delay-stddev", delayStddevMillis, 0, Limits.MAX_MILLIS, "ms");
        Limits.between("--conversation-turn-delay-ratio", delayRatio, 0, MAX_RATIO, "");
    }

    /** What the session flags ask for, as given (null when absent), with the dataset's kind. */
    public record Flags(Integer conversationNum, Integer turnMean, Integer turnStddev, Double delayMeanMillis,
                        Double delayStddevMillis, Double delayRatio) {
        /** Whether any session flag was given. */
        public boolean any() {
            return conversationNum != null || turnMean != null || turnStddev != null || delayMeanMillis != null
                    || delayStddevMillis != null || delayRatio != null;
        }
    }

    /**
     * The session settings the flags ask for, or null for a single-turn run. Any session flag, or a file of
     * sessions (a {@code multi_turn} dataset, a mooncake trace whose lines name a {@code session_id}), makes a
     * session run; ShareGPT conversations are then whole sessions.
     *
     * @param datasetType       the {@code --custom-dataset-type} of the {@code --input-file} (a
     *                          {@code --fixed-schedule} trace's is {@code mooncake_trace}), or null without one
     * @param fileSessions      whether that file's lines are sessions' turns: a {@code multi_turn} file, or a trace
     *                          with session ids
     * @param requestCountGiven whether {@code --request-count} was given, which counts single-turn requests
     * @throws IllegalArgumentException naming the flag of the first bad value or combination
     */
    public static Conversations of(Flags flags, String datasetType, boolean fileSessions, boolean requestCountGiven) {
        boolean inputFile = datasetType != null;
        if (!flags.any() && !fileSessions) {
            return null;
        }
        if (inputFile && !fileSessions && !datasetType.equals("sharegpt")) {
            throw new IllegalArgumentException("--custom-dataset-type " + datasetType + " holds single requests; a "
                    + "session run (--conversation-*) reads multi_turn, sharegpt or mooncake_trace files with "
                    + "session_id");
        }
        if (flags.conversationNum() != null && flags.conversationNum() < 1) {
            throw new IllegalArgumentException("--conversation-num must be >= 1, got " + flags.conversationNum());
        }
        if (requestCountGiven) {
            throw new IllegalArgumentException("--request-count counts single-turn requests; a session run counts "
                    + "sessions with --conversation-num");
        }
        if (inputFile) {
            String shaping = flags.turnMean() != null ? "--conversation-turn-mean"
                    : flags.turnStddev() != null ? "--conversation-turn-stddev"
                    : flags.delayMeanMillis() != null ? "--conversation-turn-delay-mean"
                    : flags.delayStddevMillis() != null ? "--conversation-turn-delay-stddev" : null;
            if (shaping != null) {
                throw new IllegalArgumentException(shaping + " shapes synthetic sessions; --input-file's sessions "
                        + "keep their own turns and delays (--conversation-turn-delay-ratio scales them)");
            }
        }
        return new Conversations(flags.turnMean() == null ? 1 : flags.turnMean(),
                flags.turnStddev() == null ? 0 : flags.turnStddev(),
                flags.delayMeanMillis() == null ? 0 : flags.delayMeanMillis(),
                flags.delayStddevMillis() == null ? 0 : flags.delayStddevMillis(),
                flags.delayRatio() == null ? 1 : flags.delayRatio());
    }
}
