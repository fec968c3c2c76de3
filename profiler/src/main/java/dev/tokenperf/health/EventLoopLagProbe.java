package dev.tokenperf.health;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.SingleThreadEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measures how late each client event loop runs its tasks: a probe task on every loop wakes at an absolute
 * deadline and records its own lateness into an HdrHistogram {@link Recorder}. A loop busy with other work (or a
 * stalled JVM) shows as lateness.
 *
 * <p>The probe must not be what keeps an idle process awake: each wake-up of a loop costs 50-75 us of CPU on a
 * 2-core VM (measured per thread from /proc schedstat), so a 5 ms probe on both loops was most of a
 * concurrency-1 run's CPU. So its period adapts to activity: every {@value #BUSY_PERIOD_MICROS} us while the
 * client's read count moves and the loop carries a connection, doubling on each tick without activity up to
 * {@value #IDLE_PERIOD_MICROS} us, and back to the busy period on the first tick with it. A loop with no
 * connection (at concurrency 1, all loops but one) has nothing to be late for. The period sets how many samples
 * there are, not what each one measures: a tick's lateness is what any task due then would have seen.
 */
public final class EventLoopLagProbe implements AutoCloseable {
    static final long BUSY_PERIOD_MICROS = 10_000;
    static final long IDLE_PERIOD_MICROS = 1_280_000;

    private final Recorder recorder = new Recorder(3);
    private final List<Probe> probes = new ArrayList<>();
    private final LongSupplier activity;

    /** @param activity a count that grows while the loops have work (e.g. the client's network reads) */
    public EventLoopLagProbe(EventLoopGroup group, LongSupplier activity) {
        this.activity = activity;
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

    /** The period after a tick: the busy one when the activity count moved, else the current one doubled. */
    static long nextPeriodMicros(long currentMicros, boolean active) {
        return active ? BUSY_PERIOD_MICROS : Math.min(IDLE_PERIOD_MICROS, currentMicros * 2);
    }

    /** True when {@code loop} has a channel registered, or cannot say. */
    static boolean carriesConnections(EventExecutor loop) {
        return !(loop instanceof SingleThreadEventLoop) || ((SingleThreadEventLoop) loop).registeredChannels() != 0;
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
        private long periodMicros = BUSY_PERIOD_MICROS;
        private long lastActivity;
        private volatile boolean stopped;
        private volatile ScheduledFuture<?> pending;

        Probe(EventExecutor loop) {
            this.loop = loop;
        }

        void arm() {
            lastActivity = activity.getAsLong();
            deadlineNanos = System.nanoTime() + periodMicros * 1000;
            pending = loop.schedule(this, periodMicros, TimeUnit.MICROSECONDS);
        }

        @Override
        public void run() {
            if (stopped) {
                return;
            }
            long now = System.nanoTime();
            recorder.recordValue(Math.max(0, now - deadlineNanos));
            long seen = activity.getAsLong();
            periodMicros = nextPeriodMicros(periodMicros, seen != lastActivity && carriesConnections(loop));
            lastActivity = seen;
            deadlineNanos += periodMicros * 1000;
            if (deadlineNanos < now) {
                deadlineNanos = now + periodMicros * 1000; // a long stall: measure it once, not once per period
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
