package dev.tokenperf.energy;

import dev.tokenperf.reports.record.GpuEnergy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Samples every source at a fixed interval on its own thread (never an event loop) between {@link #start()}
 * and {@link #stop()}, which also take a reading each, so the window is exactly the measured one; a meter can
 * measure several windows one after the other.
 * A source that fails mid-window is noted and skipped; the energy of the readings that did arrive stands.
 */
public final class EnergyMeter implements AutoCloseable {
    private final List<TelemetrySource> sources;
    private final Duration interval;
    private final double gramsCo2PerKwh;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gpu-telemetry");
        t.setDaemon(true);
        return t;
    });
    private static final int MAX_NOTES = 10;
    private EnergyAccumulator accumulator;
    private long originNanos;
    private long lastNanos;
    private ScheduledFuture<?> ticks;
    private final List<String> notes = new ArrayList<>();

    /** @param gramsCo2PerKwh the grid's carbon intensity, carried to each window for CO2 */
    public EnergyMeter(List<TelemetrySource> sources, Duration interval, double gramsCo2PerKwh) {
        this.sources = List.copyOf(sources);
        this.interval = interval;
        this.gramsCo2PerKwh = gramsCo2PerKwh;
    }

    /**
     * One reading of every source, before any load, to tell whether telemetry is there at all.
     *
     * @return null when every source answered, else why not
     */
    public String probe() throws InterruptedException {
        for (TelemetrySource source : sources) {
            try {
                if (source.read().isEmpty()) {
                    return source.describe() + " reports no GPU power";
                }
            } catch (IOException e) {
                return e.getMessage();
            }
        }
        return null;
    }

    /** Starts a window whose samples are timed from its start. */
    public void start() throws InterruptedException {
        start(System.nanoTime());
    }

    /**
     * Starts a window whose samples are timed from {@code originNanos} ({@link System#nanoTime()}), the origin of
     * a run's records, so that a time slice of the records finds its energy.
     */
    public void start(long originNanos) throws InterruptedException {
        Reading first = readAll();
        synchronized (this) {
            this.originNanos = originNanos;
            lastNanos = Long.MIN_VALUE;
            accumulator = new EnergyAccumulator(gramsCo2PerKwh);
            add(first);
        }
        ticks = sampler.scheduleAtFixedRate(this::tick, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Ends the window with a last reading and returns its energy (NONE when no window is open). */
    public GpuEnergy stop() throws InterruptedException {
        synchronized (this) {
            if (accumulator == null) {
                return GpuEnergy.NONE; // the window never opened (the run ended before its measured phase)
            }
        }
        ticks.cancel(false);
        Reading last = readAll();
        synchronized (this) {
            add(last);
            GpuEnergy window = accumulator.window();
            accumulator = null; // a tick still reading when the window closed drops its reading
            return window;
        }
    }

    /** Problems met while sampling since the last call, so that each window's are told once. */
    public List<String> takeNotes() {
        synchronized (notes) {
            List<String> taken = List.copyOf(notes);
            notes.clear();
            return taken;
        }
    }

    private void tick() {
        try {
            Reading reading = readAll();
            synchronized (this) {
                if (accumulator != null) {
                    add(reading);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Adds a reading at its time from the origin; a tick's reading that overlapped the last one is put at the
     * same time as it rather than before it, so that the accumulator sees time in order.
     */
    private void add(Reading reading) {
        lastNanos = Math.max(lastNanos, reading.nanos() - originNanos);
        accumulator.add(lastNanos, reading.readings());
    }

    /**
     * @param nanos    when the reading was taken: the middle of its requests, where a server answering in the
     *                 same time both ways rendered it (a slow answer would otherwise shift it late)
     * @param readings every source's GPUs
     */
    private record Reading(long nanos, List<GpuReading> readings) {
    }

    /** Every source's readings; with several sources a GPU's id is prefixed with its source's number. */
    private Reading readAll() throws InterruptedException {
        long before = System.nanoTime();
        List<GpuReading> readings = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            try {
                for (GpuReading r : sources.get(i).read()) {
                    readings.add(sources.size() == 1 ? r : new GpuReading(i + ":" + r.gpu(), r.powerWatts(),
                            r.energyJoules(), r.utilPercent(), r.memoryUsedMib()));
                }
            } catch (IOException e) {
                synchronized (notes) {
                    if (notes.size() < MAX_NOTES) {
                        notes.add(e.getMessage());
                    }
                }
            }
        }
        return new Reading(before + (System.nanoTime() - before) / 2, readings);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
