package dev.tokenperf.reports.summary;

import dev.tokenperf.reports.record.GpuEnergy;
import dev.tokenperf.reports.record.RequestRecord;
import dev.tokenperf.reports.record.RunResult;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns each measured record to the slice its request started in (as aiperf does), counted from the start of
 * the measured phase, and tallies each slice during the summary's one pass. The slices cover every whole slice
 * of the measured window and the last request's start: a 10 s phase in 2 s slices has five, though its last
 * responses end in the grace period after 10 s, since no request starts there.
 */
final class TimeSlicer {
    private final long sliceNanos;
    private final long phaseStartNanos;
    private final long phaseNanos;
    private final GpuEnergy energy;
    private final List<MetricTally> tallies = new ArrayList<>();

    TimeSlicer(RunResult result, long sliceNanos) {
        this.sliceNanos = sliceNanos;
        this.energy = result.gpuEnergy();
        long start = Long.MAX_VALUE;
        for (RequestRecord r : result.measuredRecords()) {
            start = Math.min(start, r.startNanos());
        }
        this.phaseStartNanos = start == Long.MAX_VALUE ? 0 : start;
        this.phaseNanos = result.benchmarkDurationNanos();
        grow((int) Math.max(1, phaseNanos / sliceNanos));
    }

    private void grow(int count) {
        while (tallies.size() < count) {
            tallies.add(new MetricTally());
        }
    }

    void add(RequestRecord r, boolean good) {
        int index = (int) ((r.startNanos() - phaseStartNanos) / sliceNanos);
        grow(index + 1);
        tallies.get(index).add(r, good);
    }

    List<TimeSlice> slices(boolean withSlos) {
        List<TimeSlice> slices = new ArrayList<>();
        for (int i = 0; i < tallies.size(); i++) {
            MetricTally tally = tallies.get(i);
            long start = i * sliceNanos;
            long length = Math.max(0, Math.min(sliceNanos, phaseNanos - start));
            // a slice past the window's end (a request started at its very end) keeps its nominal length
            Map<String, Histogram> histograms = new LinkedHashMap<>();
            slices.add(tally.requests() == 0 ? new TimeSlice(i, start, length, 0, List.of(), Map.of())
                    : new TimeSlice(i, start, length, tally.requests(),
                            tally.statistics(length == 0 ? sliceNanos : length, withSlos, energy(start, length),
                                    histograms), histograms));
        }
        return slices;
    }

    /**
     * The GPU energy of a slice, from the cumulative samples interpolated at its edges; null without telemetry or
     * when no reading covers the slice.
     */
    private GpuEnergy.Window energy(long start, long length) {
        GpuEnergy.Window w = energy.between(phaseStartNanos + start, phaseStartNanos + start + length);
        return w.seconds() > 0 ? w : null;
    }
}
