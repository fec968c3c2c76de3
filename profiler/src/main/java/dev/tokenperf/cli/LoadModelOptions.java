package dev.tokenperf.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Open-loop load, trace replay, ramps and the warmup duration. */
public final class LoadModelOptions {
    @Option(names = "--request-rate", paramLabel = "R[,R...]", split = ",",
            description = "Open loop: requests per second, sent on schedule whatever the server does. A list "
                    + "(1,2,4) runs a sweep.")
    List<Double> requestRate;

    @Option(names = "--arrival-pattern", paramLabel = "P", defaultValue = "poisson",
            description = "Open loop inter-arrival gaps: constant, poisson or gamma. Default: ${DEFAULT-VALUE}.")
    String arrivalPattern;

    @Option(names = "--arrival-smoothness", paramLabel = "K", defaultValue = "1",
            description = "Gamma shape K for --arrival-pattern gamma: gap CV = 1/sqrt(K); 1 = Poisson, larger is "
                    + "smoother. Default: ${DEFAULT-VALUE}.")
    double arrivalSmoothness;

    @Option(names = "--request-rate-ramp-duration", paramLabel = "S",
            description = "Open loop: ramp the rate linearly from 0 over S seconds.")
    Double requestRateRampSeconds;

    @Option(names = "--concurrency-ramp-duration", paramLabel = "S",
            description = "Closed loop: start the connections evenly over S seconds.")
    Double concurrencyRampSeconds;

    // aiperf's form is a switch beside --input-file; an empty value marks it until resolveSwitchForm
    @Option(names = "--fixed-schedule", paramLabel = "FILE", arity = "0..1", fallbackValue = "",
            description = "Replay a JSONL trace of {timestamp_ms, input_length, output_length[, hash_ids]} at its "
                    + "own times: FILE, or, as in aiperf, the --input-file when given without FILE. Lines with a "
                    + "session_id are multi-turn sessions: each starts at its first line's timestamp, later turns at "
                    + "their timestamp or their delay (ms) after the previous answer.")
    Path fixedSchedule;

    @Option(names = "--fixed-schedule-speedup", paramLabel = "X", defaultValue = "1",
            description = "Replay the trace X times faster. Default: ${DEFAULT-VALUE}.")
    double fixedScheduleSpeedup;

    @Option(names = "--warmup-duration", paramLabel = "S",
            description = "Seconds of warmup load, excluded from every statistic.")
    Double warmupDurationSeconds;

    /** aiperf's switch form ({@code --fixed-schedule --input-file FILE}) replays the input file. */
    void resolveSwitchForm(Path inputFile) {
        if (fixedSchedule != null && fixedSchedule.toString().isEmpty()) {
            if (inputFile == null) {
                throw new UsageException("--fixed-schedule without FILE replays --input-file, which is not given");
            }
            fixedSchedule = inputFile;
        }
    }
}
