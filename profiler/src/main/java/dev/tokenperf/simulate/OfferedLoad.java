package dev.tokenperf.simulate;

import dev.tokenperf.serving.ServingMode;
import dev.tokenperf.serving.ServingModel;
import dev.tokenperf.workloads.dataset.MooncakeTraceReader.TraceEntry;

import java.util.List;

/**
 * The offered load ρ of each pool, from the configuration alone: arrival rate times the mean time a request
 * holds one slot, divided by the pool's slots. Decode time uses one sequence's step (batch growth is not
 * counted), so with growth the real load is higher.
 */
final class OfferedLoad {
    private OfferedLoad() {
    }

    /** Pools in order (prefill, decode; or gpu), with utilisation still NaN. */
    static List<PoolStat> of(SimulationConfig config) {
        ServingModel m = config.model();
        double rate = config.arrivals().ratePerSecond();
        double prompt = meanPrompt(config);
        double decoded = meanOutput(config) - (m.mode() == ServingMode.DISAGG_DECODE_FIRST ? 0 : 1);
        double prefillSeconds = prompt / m.prefillTokensPerSecond();
        double decodeSeconds = decoded / m.decodeTokensPerSecond();
        int decodeSlots = m.decodeWorkers() * m.decodeMaxBatch();
        if (m.mode() == ServingMode.AGGREGATED_POOL) {
            return List.of(new PoolStat("gpu", decodeSlots, Double.NaN,
                    rate * (prefillSeconds + decodeSeconds) / decodeSlots));
        }
        return List.of(new PoolStat("prefill", m.prefillWorkers(), Double.NaN,
                        rate * prefillSeconds / m.prefillWorkers()),
                new PoolStat("decode", decodeSlots, Double.NaN, rate * decodeSeconds / decodeSlots));
    }

    private static double meanPrompt(SimulationConfig config) {
        List<TraceEntry> trace = config.arrivals().trace();
        return trace != null ? trace.stream().mapToInt(TraceEntry::inputLength).average().orElse(0)
                : config.promptTokens().mean();
    }

    private static double meanOutput(SimulationConfig config) {
        List<TraceEntry> trace = config.arrivals().trace();
        return trace != null ? trace.stream().mapToInt(TraceEntry::outputLength).average().orElse(0)
                : config.outputTokens().mean();
    }
}
