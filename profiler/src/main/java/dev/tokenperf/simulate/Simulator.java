package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingPools;
import dev.tokenperf.serving.ServingSchedule;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;
import dev.tokenperf.workloads.schedule.ArrivalSchedule;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Runs a {@link SimulationConfig} in simulated time. The events are the arrivals, taken in time order from
 * the schedule; each is booked on the same {@link ServingPools} the emulator uses, which fixes its whole
 * schedule at once because both pools are FIFO. Nothing sleeps: 600 simulated seconds take milliseconds.
 *
 * <p>The window is {@code [warmup, simSeconds)} in event time. TTFT and queue waits are those of the
 * requests that arrived in it (also when their first token comes after it, as a run that drains would
 * measure them); utilisation is the busy time of each pool inside it; throughput counts the requests whose
 * last token falls inside it.
 */
public final class Simulator {
    /** Separates the token streams from the arrival stream of the same seed. */
    private static final long PROMPT_STREAM = 0x9E3779B97F4A7C15L;
    private static final long OUTPUT_STREAM = 0xC2B2AE3D27D4EB4FL;

    private Simulator() {
    }

    /** Runs one simulation. */
    public static SimulationResult run(SimulationConfig config) {
        long warmupNanos = Math.round(config.warmupSeconds() * 1e9);
        long endNanos = Math.round(config.simSeconds() * 1e9);
        boolean aggregated = config.model().mode() == ServingMode.AGGREGATED_POOL;
        ServingPools pools = new ServingPools(config.model(), 0);
        ArrivalSchedule schedule = config.arrivals().schedule(config.seed());
        List<TraceEntry> trace = config.arrivals().trace();
        Random promptRandom = new Random(config.seed() ^ PROMPT_STREAM);
        Random outputRandom = new Random(config.seed() ^ OUTPUT_STREAM);
        Histogram ttft = new Histogram(3);
        Histogram prefillWait = new Histogram(3);
        Histogram decodeWait = new Histogram(3);
        long prefillBusy = 0;
        long decodeBusy = 0;
        long completed = 0;
        for (int i = 0; ; i++) {
            long arrival = schedule.nextOffsetNanos();
            if (arrival < 0 || arrival >= endNanos) {
                break;
            }
            int prompt = trace != null ? trace.get(i).inputLength() : config.promptTokens().sample(promptRandom);
            int output = trace != null ? trace.get(i).outputLength() : config.outputTokens().sample(outputRandom);
            ServingSchedule s = pools.admit(arrival, prompt, Math.max(1, output));
            long prefillStart = arrival + s.prefillQueueNanos();
            long done = arrival + s.tokenDueNanos(Math.max(1, output) - 1);
            if (aggregated) {
                decodeBusy += overlap(prefillStart, done, warmupNanos, endNanos);
            } else {
                prefillBusy += overlap(prefillStart, prefillStart + s.prefillComputeNanos(), warmupNanos, endNanos);
                decodeBusy += overlap(arrival + s.decodeStartNanos(), done, warmupNanos, endNanos);
            }
            if (done >= warmupNanos && done < endNanos) {
                completed++;
            }
            if (arrival >= warmupNanos) {
                ttft.recordValue(s.firstTokenNanos());
                prefillWait.recordValue(s.prefillQueueNanos());
                decodeWait.recordValue(s.decodeQueueNanos());
            }
        }
        double windowSeconds = (endNanos - warmupNanos) / 1e9;
        List<PoolStat> stats = new ArrayList<>();
        for (PoolStat p : OfferedLoad.of(config)) {
            long busy = p.name().equals("prefill") ? prefillBusy : decodeBusy;
            stats.add(new PoolStat(p.name(), p.slots(), busy / 1e9 / windowSeconds / p.slots(), p.offeredLoad()));
        }
        return new SimulationResult(config, LatencySummary.of(ttft), LatencySummary.of(prefillWait),
                LatencySummary.of(decodeWait), stats, completed / windowSeconds, completed, ttft.getTotalCount());
    }

    /** Nanoseconds of {@code [from, to)} inside {@code [windowStart, windowEnd)}. */
    private static long overlap(long from, long to, long windowStart, long windowEnd) {
        return Math.max(0, Math.min(to, windowEnd) - Math.max(from, windowStart));
    }
}
