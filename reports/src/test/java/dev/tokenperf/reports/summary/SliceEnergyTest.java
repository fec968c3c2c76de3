package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.load.SyntheticRuns;
import dev.tokenperf.reports.metrics.MetricDefinition;
import dev.tokenperf.reports.metrics.MetricRegistry;
import dev.tokenperf.reports.metrics.MetricStatistics;
import dev.tokenperf.reports.record.GpuEnergy;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The energy of each time slice from synthetic cumulative samples, interpolated at the slice edges, with exact
 * numbers; and the run's energy metrics.
 */
class SliceEnergyTest {
    private static final long MS = 1_000_000;
    private static final long S = 1_000 * MS;

    /** Readings at 0.5, 1.5, 2.5, 3.5 and 5.5 s (record time): cumulative joules and summed watts. */
    private static final GpuEnergy ENERGY = new GpuEnergy(List.of(new GpuEnergy.Gpu("0", 700, true, 300, 5.0)), 400,
            List.of(new GpuEnergy.Sample(500 * MS, 0, 100), new GpuEnergy.Sample(1500 * MS, 100, 100),
                    new GpuEnergy.Sample(2500 * MS, 300, 300), new GpuEnergy.Sample(3500 * MS, 500, 200),
                    new GpuEnergy.Sample(5500 * MS, 700, 100)));

    /** 16 requests, one every 250 ms from 1 s (the phase's start), each 5 output tokens: two 2 s slices of 8. */
    private static RunResult run() {
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            long start = S + i * 250 * MS;
            long[] chunks = {start + 10 * MS, start + 15 * MS, start + 20 * MS, start + 25 * MS, start + 30 * MS};
            records.add(new RequestRecord(i, "r-" + i, false, true, start, start, start + 31 * MS, chunks,
                    new long[] {1, 2, 3, 4, 5}, 100, 5, 100, 5, "", null));
        }
        return new RunResult("test", SyntheticRuns.configuration(), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:04Z"), 4 * S, true, false, records).withGpuEnergy(ENERGY);
    }

    private static double value(List<MetricStatistics> statistics, MetricDefinition metric) {
        return statistics.stream().filter(s -> s.metric() == metric).findFirst().orElseThrow().avg();
    }

    @Test
    void eachSliceGetsTheCumulativeEnergyInterpolatedAtItsEdges() {
        RunSummary summary = RunSummarizer.summarize(run(), null, null, 2 * S);
        assertEquals(2, summary.slices().size());

        // slice 0 is 1 s..3 s: 50 J at 1 s (half of 0..100 J), 400 J at 3 s (half of 300..500 J)
        List<MetricStatistics> first = summary.slices().get(0).statistics();
        assertEquals(350.0 / 3600, value(first, MetricRegistry.GPU_ENERGY), 1e-12);
        assertEquals(175.0, value(first, MetricRegistry.GPU_POWER_AVG), 1e-9);
        assertEquals(300.0, value(first, MetricRegistry.GPU_POWER_PEAK), 1e-9, "the reading at 2.5 s");
        assertEquals(350.0 / 40, value(first, MetricRegistry.ENERGY_PER_OUTPUT_TOKEN), 1e-9, "8 requests x 5 tokens");
        assertEquals(40 / 350.0, value(first, MetricRegistry.OUTPUT_TOKENS_PER_JOULE), 1e-12);
        assertEquals(350.0 / 3600 / 8, value(first, MetricRegistry.ENERGY_PER_REQUEST), 1e-12);
        assertEquals(350.0 / 3.6e6 * 400, value(first, MetricRegistry.CO2_EMISSIONS), 1e-12);

        // slice 1 is 3 s..5 s: 650 J at 5 s (three quarters of 500..700 J); power 250 W interpolated at 3 s
        List<MetricStatistics> second = summary.slices().get(1).statistics();
        assertEquals(250.0 / 3600, value(second, MetricRegistry.GPU_ENERGY), 1e-12);
        assertEquals(125.0, value(second, MetricRegistry.GPU_POWER_AVG), 1e-9);
        assertEquals(250.0, value(second, MetricRegistry.GPU_POWER_PEAK), 1e-9);

        // in 3 s slices, slice 1 is cut at the phase's end: 4 s..5 s, 550 J (a quarter of 500..700 J) to 650 J
        TimeSlice late = RunSummarizer.summarize(run(), null, null, 3 * S).slices().get(1);
        assertEquals(S, late.durationNanos());
        assertEquals(100.0, value(late.statistics(), MetricRegistry.GPU_ENERGY) * 3600, 1e-9);
    }

    @Test
    void theRunReportsTheWholeWindow() {
        RunSummary summary = RunSummarizer.summarize(run());
        assertEquals(700.0 / 3600, summary.value("gpu_energy", "avg").orElseThrow(), 1e-12);
        assertEquals(140.0, summary.value("gpu_power_avg", "avg").orElseThrow(), 1e-9, "700 J over 0.5..5.5 s");
        assertEquals(300.0, summary.value("gpu_power_peak", "avg").orElseThrow(), 1e-9);
        assertEquals(80 / 700.0, summary.value("output_tokens_per_joule", "avg").orElseThrow(), 1e-12);
        assertTrue(RunSummarizer.summarize(run().withGpuEnergy(GpuEnergy.NONE)).get(MetricRegistry.GPU_ENERGY).isEmpty(),
                "no telemetry, no energy metrics");
    }
}
