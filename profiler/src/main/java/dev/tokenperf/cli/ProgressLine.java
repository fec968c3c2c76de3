package dev.tokenperf.cli;

import dev.tokenperf.load.LoadCounters;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live progress line on a terminal: requests done/total, rate, errors, elapsed and ETA, redrawn in
 * place on stderr at most {@value #REFRESHES_PER_SECOND} times a second by its own daemon thread. It only
 * reads the run's striped counters, so the event loops never wait for it. Off when stderr is not a
 * terminal ({@code System.console() == null}) or with {@code --quiet}.
 */
final class ProgressLine implements AutoCloseable {
    static final int REFRESHES_PER_SECOND = 4;

    private final PrintWriter err;
    private final LoadCounters counters;
    private final long total;
    private final long durationNanos;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;
    private int lastWidth;

    private ProgressLine(PrintWriter err, LoadCounters counters, long total, long durationNanos, boolean live) {
        this.err = err;
        this.counters = counters;
        this.total = total;
        this.durationNanos = durationNanos;
        if (live) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tokenperf-progress");
                t.setDaemon(true);
                return t;
            });
            long period = 1000 / REFRESHES_PER_SECOND;
            timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** A progress line that draws only on a terminal and without {@code quiet}. */
    static ProgressLine start(PrintWriter err, LoadCounters counters, long total, long durationNanos, boolean quiet) {
        return new ProgressLine(err, counters, total, durationNanos, !quiet && System.console() != null);
    }

    private synchronized void draw() {
        String line = render(counters.done(), counters.failed(), System.nanoTime() - startNanos);
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        err.flush();
        lastWidth = line.length();
    }

    /** The line's text; pure, so tests can assert it. */
    String render(long done, long failed, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder s = new StringBuilder();
        s.append(done).append(total > 0 ? "/" + total : "").append(" requests, ");
        s.append(String.format(Locale.US, "%.1f req/s, %d errors, %.0f s elapsed", rate, failed, seconds));
        double eta = Double.NaN;
        if (total > 0 && rate > 0) {
            eta = (total - done) / rate;
        }
        if (durationNanos > 0) {
            double left = Math.max(0, durationNanos / 1e9 - seconds);
            eta = Double.isNaN(eta) ? left : Math.min(eta, left);
        }
        if (!Double.isNaN(eta)) {
            s.append(String.format(Locale.US, ", ETA %.0f s", Math.max(0, eta)));
        }
        return s.toString();
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
        }
    }
}
