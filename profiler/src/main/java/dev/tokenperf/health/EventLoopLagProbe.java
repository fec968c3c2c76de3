package dev.tokenperf.health;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures how late each client event loop runs its tasks: a probe task on every loop wakes every
 * {@value #PERIOD_MICROS} us at an absolute deadline and records its own lateness into an HdrHistogram
 * {@link Recorder}. A loop busy with other work (or a stalled JVM) shows as lateness. Costs one small task
 * per loop per period.
 */
public final class EventLoopLagProbe implements AutoCloseable {
    static final long PERIOD_MICROS = 5_000;

    private final Recorder recorder = new Recorder(3);
    private final List<Probe> probes = new ArrayList<>();

    public EventLoopLagProbe(EventLoopGroup group) {
        for (EventExecutor loop : group) {
            Probe probe = new Probe(loop);
            probes.add(probe);
            probe.arm();
        }
    }

    /** Lateness recorded since the previous call (nanoseconds), and starts a new interval. */
    public Histogram drain() {
        return recorder.getIntervalHistogram();
    }

    @Override
    public void close() {
        for (Probe probe : probes) {
            probe.stop();
        }
    }

    private final class Probe implements Runnable {
        private final EventExecutor loop;
        private long deadlineNanos;
        private volatile boolean stopped;
        private volatile ScheduledFuture<?> pending;

        Probe(EventExecutor loop) {
            this.loop = loop;
        }

        void arm() {
            deadlineNanos = System.nanoTime() + PERIOD_MICROS * 1000;
            pending = loop.schedule(this, PERIOD_MICROS, TimeUnit.MICROSECONDS);
        }

        @Override
        public void run() {
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            recorder.recordValue(Math.max(0, now - deadlineNanos));
            deadlineNanos += PERIOD_MICROS * 1000;
            if (deadlineNanos < now) {
                deadlineNanos = now + PERIOD_MICROS * 1000; // a long stall: measure it once, not once per period
            }
            pending = loop.schedule(this, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        void stop() {
            stopped = true;
            ScheduledFuture<?> p = pending;
            if (p != null) {
                p.cancel(false);
            }
        }
    }
}
