package dev.tokenperf.reports.resultdir;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code histograms.hlog}: every distribution metric's HdrHistogram in HdrHistogram's own interval log format
 * (see {@link HistogramLogReader}), one interval per metric tagged with the metric's tag, values in the
 * metric's recorded unit (nanoseconds for latencies, tokens, milli-tokens/s). The interval spans the measured
 * window, or, with time slices, there is one interval per metric and slice, spanning the slice (their sum is
 * the whole run's histogram; a slice where nothing ended has empty ones). Results merge losslessly by adding histograms of the same tag, and any HdrHistogram tool can read
 * the file.
 */
public final class HistogramLogFile {

    private HistogramLogFile() {
    }

    /**
     * One interval of the log: the histograms of a span of the measured window.
     *
     * @param offsetMillis   its start, from the start of the measured window
     * @param durationMillis its length
     * @param histograms     metric tag to histogram (not changed)
     */
    public record Interval(long offsetMillis, long durationMillis, Map<String, Histogram> histograms) {
    }

    /**
     * @param intervals   the whole window as one interval, or one interval per time slice
     * @param startMillis wall-clock start of the measured window, epoch milliseconds
     */
    public static void write(List<Interval> intervals, long startMillis, Path dir) throws IOException {
        try (PrintStream out = new PrintStream(Files.newOutputStream(dir.resolve(ResultFiles.HISTOGRAMS_HLOG)), false,
                StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("tokenperf histograms: one interval per metric, tag = metric tag, "
                    + "values in the metric's recorded unit");
            writer.outputLogFormatVersion();
            writer.outputStartTime(startMillis);
            writer.setBaseTime(startMillis);
            writer.outputLegend();
            Map<String, Histogram> tags = new LinkedHashMap<>();
            for (Interval interval : intervals) {
                interval.histograms().forEach(tags::putIfAbsent);
            }
            for (Interval interval : intervals) {
                // every tag in every interval: a slice where nothing ended is an empty histogram, not a gap that
                // would shift a reader's count of intervals per tag
                for (Map.Entry<String, Histogram> e : tags.entrySet()) {
                    Histogram own = interval.histograms().get(e.getKey());
                    Histogram copy = own != null ? own.copy() : emptyLike(e.getValue());
                    copy.setTag(e.getKey());
                    copy.setStartTimeStamp(startMillis + interval.offsetMillis());
                    copy.setEndTimeStamp(startMillis + interval.offsetMillis() + interval.durationMillis());
                    writer.outputIntervalHistogram(copy);
                }
            }
            out.flush();
            if (out.checkError()) {
                throw new IOException("cannot write " + dir.resolve(ResultFiles.HISTOGRAMS_HLOG));
            }
        }
    }

    private static Histogram emptyLike(Histogram template) {
        Histogram empty = template.copy();
        empty.reset();
        return empty;
    }

    /** Reads every interval of the file, adding intervals that share a tag. */
    public static Map<String, Histogram> read(Path file) throws IOException {
        Map<String, Histogram> histograms = new LinkedHashMap<>();
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        try {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (!(next instanceof Histogram h) || h.getTag() == null) {
                    throw new IOException(file + ": expected tagged integer histograms");
                }
                histograms.merge(h.getTag(), h, (a, b) -> {
                    a.add(b);
                    return a;
                });
            }
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable HdrHistogram log (" + e.getMessage() + ")", e);
        } finally {
            reader.close();
        }
        return histograms;
    }
}
