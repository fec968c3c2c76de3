package dev.tokenperf.kube;

/**
 * Where an Indexed Job stands, from its status.
 *
 * @param completions the shards it runs
 * @param succeeded   pods that ended with exit code 0
 * @param failed      pods that failed
 * @param active      pods running or waiting to run
 * @param finished    the Job is over: complete, or failed (one failed shard fails it, its backoff limit is 0)
 */
public record JobProgress(int completions, int succeeded, int failed, int active, boolean finished) {

    /** One line for the console: {@code 3/4 completed, 0 failed, 1 active}. */
    public String line() {
        return succeeded + "/" + completions + " completed, " + failed + " failed, " + active + " active";
    }
}
